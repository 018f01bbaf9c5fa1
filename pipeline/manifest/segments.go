package manifest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/gob"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/shihyo/shihyo/queries"
)

// Segment is a run of rows of a published table, which a later refresh
// may copy from the published file rather than write again: the header
// (Key and Wave ""), or the rows of one indicator in one wave
// (breakdowns.csv), or of one wave (frequencies.csv). The segments of a
// table, in order, make up the whole file.
type Segment struct {
	Key   string // what the rows are of, as the table's writer names it
	Wave  string // the survey id of the rows
	Bytes int64
}

// writeSegments replaces the stored segments by those of m: a few
// thousand, kept as one value per file, which is read and written in
// about a millisecond where a row each took tens.
func writeSegments(ctx context.Context, conn *sql.Conn, m Manifest) error {
	if err := queries.Exec(ctx, conn, "create_segments"); err != nil {
		return err
	}
	for _, file := range slices.Sorted(maps.Keys(m.Segments)) {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(m.Segments[file]); err != nil {
			return fmt.Errorf("encode segments of %s: %w", file, err)
		}
		if err := queries.Exec(ctx, conn, "insert_segments", file, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// ErrUndecodableSegments is what stored segments that do not decode give:
// the tables are then written whole, which the segments only spare.
var ErrUndecodableSegments = errors.New("decode stored segments")

// ReadSegments reads the segments of the tables the last successful
// refresh published, by file; none when it stored none. Segments that do
// not decode give ErrUndecodableSegments.
func ReadSegments(ctx context.Context, conn *sql.Conn) (map[string][]Segment, error) {
	out := map[string][]Segment{}
	if exists, err := queries.TableExists(ctx, conn, "segments"); err != nil || !exists {
		return out, err
	}
	err := queries.Each(ctx, conn, "select_segments", nil, func(rows *sql.Rows) error {
		var file string
		var runs []byte
		if err := rows.Scan(&file, &runs); err != nil {
			return err
		}
		var segs []Segment
		if err := gob.NewDecoder(bytes.NewReader(runs)).Decode(&segs); err != nil {
			return fmt.Errorf("%w of %s: %w", ErrUndecodableSegments, file, err)
		}
		out[file] = segs
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read segments: %w", err)
	}
	return out, nil
}
