package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
	"github.com/shihyo/shihyo/queries"
)

// StoredWave is a wave whose rows are in the database.
type StoredWave struct {
	ID          int32  `db:"wave_id"`
	SurveyID    string `db:"survey_id"`
	Respondents int    `db:"respondents"`
	Scale       int    `db:"weight_scale"`
}

// StoredWaves returns the waves in the database, by survey id.
func StoredWaves(ctx context.Context, conn *sql.Conn) (map[string]StoredWave, error) {
	waves, err := queries.All[StoredWave](ctx, conn, "select_waves")
	if err != nil {
		return nil, fmt.Errorf("read waves: %w", err)
	}
	out := make(map[string]StoredWave, len(waves))
	for _, w := range waves {
		out[w.SurveyID] = w
	}
	return out, nil
}

// DeleteWave deletes every row of wave id: its respondents, keys and sums.
func DeleteWave(ctx context.Context, conn *sql.Conn, id int32) error {
	for _, q := range []string{"delete_wave_respondents", "delete_wave_keys", "delete_wave_cells", "delete_wave_flows", "delete_wave_row"} {
		if err := queries.Exec(ctx, conn, q, id); err != nil {
			return err
		}
	}
	return nil
}

// AppendWave stores w as wave id of survey surveyID: its row of waves, its
// keys and its respondents. It returns the number of non-blank answers.
func (a *Appender) AppendWave(ctx context.Context, id int32, surveyID string, w *microdata.Wave) (int, error) {
	conn := a.conn
	keys := make([]waveKey, len(w.Keys))
	for i, k := range w.Keys {
		keys[i] = waveKey{WaveID: id, KeyNo: int32(i + 1), Key: k, Multi: w.IsMulti(i)}
	}
	err := queries.WithDriver(conn, func(c driver.Conn) error {
		row := []StoredWave{{ID: id, SurveyID: surveyID, Respondents: w.N, Scale: w.Scale}}
		if err := appendTable(c, "waves", row); err != nil {
			return err
		}
		return appendTable(c, "wave_keys", keys)
	})
	if err == nil {
		err = a.appendRespondents(ctx, id, w)
	}
	if err != nil {
		return 0, fmt.Errorf("append wave %s: %w", surveyID, err)
	}
	answers := 0
	for _, c := range w.Codes {
		if c != model.Blank && c != model.NotApplicable {
			answers++
		}
	}
	return answers, nil
}

// waveKey is a row of wave_keys.
type waveKey struct {
	WaveID int32  `db:"wave_id"`
	KeyNo  int32  `db:"key_no"`
	Key    string `db:"key"`
	Multi  bool   `db:"multi"` // the key's code is a 複数回答 option set (microdata.Wave.Multi)
}

// ReadWave reads the rows of a stored wave back, through Arrow, into the
// form of the pass: what a changed indicator is counted over without its
// response file being read again.
func ReadWave(ctx context.Context, conn *sql.Conn, sw StoredWave) (*microdata.Wave, error) {
	keys, multi, err := waveKeys(ctx, conn, sw.ID)
	if err != nil {
		return nil, err
	}
	w := &microdata.Wave{Keys: keys, Multi: multi, Scale: sw.Scale}
	err = queries.EachRecord(ctx, conn, "select_wave_rows", []any{sw.ID}, func(rec arrow.Record) error {
		return appendRecord(w, rec)
	})
	if err != nil {
		return nil, fmt.Errorf("read wave %s: %w", sw.SurveyID, err)
	}
	if w.N != sw.Respondents {
		return nil, fmt.Errorf("read wave %s: %d rows, %d stored", sw.SurveyID, w.N, sw.Respondents)
	}
	return w, nil
}

// waveKeys returns the keys of wave id and, when some is a 複数回答
// question, which (microdata.Wave.Multi; nil otherwise).
func waveKeys(ctx context.Context, conn *sql.Conn, id int32) ([]string, []bool, error) {
	rows, err := queries.All[waveKey](ctx, conn, "select_wave_keys", id)
	if err != nil {
		return nil, nil, fmt.Errorf("read wave keys: %w", err)
	}
	keys := make([]string, len(rows))
	multi := make([]bool, len(rows))
	anyMulti := false
	for i, k := range rows {
		keys[i], multi[i], anyMulti = k.Key, k.Multi, anyMulti || k.Multi
	}
	if !anyMulti {
		multi = nil
	}
	return keys, multi, nil
}
