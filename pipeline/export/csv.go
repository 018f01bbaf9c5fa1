package export

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shihyo/shihyo/pipeline/export/plan"

	"golang.org/x/text/encoding/japanese"

	"github.com/shihyo/shihyo/internal/csvsafe"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/tables"
	"github.com/shihyo/shihyo/queries"
)

// PlanColumns are the columns the CSV format appends to the columns of
// indicators.csv (plan.Columns).
var PlanColumns = plan.Columns

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// EncodingError is a character that CP932 cannot hold, found while writing
// a Shift_JIS export. Line is the row of indicators.csv (1 for its header)
// and Column the column it stands in.
type EncodingError struct {
	File   string
	Line   int
	Column string
	Char   rune
}

func (e *EncodingError) Error() string {
	where := "" // a title row has no columns
	if e.Column != "" {
		where = "列「" + e.Column + "」の"
	}
	return fmt.Sprintf("%s:%d: %s文字「%c」(U+%04X) は Shift_JIS (CP932) で書けません。--encoding utf-8 で書き出すか、その文字を置き換えてください",
		e.File, e.Line, where, e.Char, e.Char)
}

// exportCSV writes indicators.csv of the data directory back with the
// actuals appended, and returns the number of rows written.
func exportCSV(ctx context.Context, conn *sql.Conn, opts Options) (int, error) {
	ds, err := input.Read(ctx, opts.DataDir)
	if err != nil {
		return 0, err
	}
	name, err := tables.Definition(opts.DataDir, model.IndicatorsFile)
	if err != nil {
		return 0, err
	}
	raw, err := tables.ReadRaw(ctx, opts.DataDir, name, tables.Spec{Required: input.IndicatorColumns})
	if err != nil {
		return 0, err
	}
	if !slices.Equal(raw.Lines, indicatorLines(ds.Indicators)) {
		return 0, fmt.Errorf("%s: 読んでいるあいだにファイルが変わりました。もう一度書き出してください", raw.File)
	}
	p, err := plan.Read(ctx, conn, plan.Choice{PlanYear: opts.PlanYear, FiscalYear: opts.FiscalYear})
	if err != nil {
		return 0, err
	}
	if err := checkFresh(ctx, conn, raw.File, ds.Indicators, p.Indicators); err != nil {
		return 0, err
	}
	records, err := planRecords(raw, ds.Indicators, p)
	if err != nil {
		return 0, err
	}
	title := titleRecords(raw)
	var body bytes.Buffer
	if opts.Encoding == EncodingShiftJIS {
		if err := toCP932(raw, title, records); err != nil {
			return 0, err
		}
	} else {
		body.Write(utf8BOM)
	}
	cw := csv.NewWriter(&body)
	cw.UseCRLF = true // as Excel writes it
	if err := cw.WriteAll(append(title, records...)); err != nil {
		return 0, fmt.Errorf("write csv: %w", err)
	}
	data := body.Bytes()
	if opts.Encoding == EncodingShiftJIS {
		// Every field was checked by toCP932: this cannot fail on a character.
		if data, err = japanese.ShiftJIS.NewEncoder().Bytes(data); err != nil {
			return 0, fmt.Errorf("encode csv: %w", err)
		}
	}
	err = writeFile(opts.Output, opts.Force, func(w io.Writer) error {
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("write %s: %w", opts.Output, err)
		}
		return nil
	})
	return len(records) - 1, err
}

func indicatorLines(list []model.Indicator) []int {
	lines := make([]int, len(list))
	for i, in := range list {
		lines[i] = in.Line
	}
	return lines
}

// planRecords is the header and rows of indicators.csv, every field
// verbatim but neutralised, each row followed by its actual. Columns a
// previous export appended are replaced, not repeated.
func planRecords(raw *csvfile.RawTable, defs []model.Indicator, p *plan.Data) ([][]string, error) {
	keep := len(raw.Header) - plan.AppendedColumns(raw.Header)
	header := csvsafe.All(raw.Header[:keep])
	records := [][]string{append(header, PlanColumns...)}
	for i, in := range defs {
		a, err := p.ActualOf(in)
		if err != nil {
			return nil, err
		}
		year := 0 // a row of another plan than the one shown keeps its cells empty
		if p.Shown(in) {
			year = p.YearOf(in.Ward)
		}
		cells := plan.Cells(year, a)
		if a != nil {
			cells[len(cells)-1] = csvsafe.Neutralise(p.Draft(in).String())
		}
		rec := append(csvsafe.All(raw.Rows[i][:keep]), cells...)
		records = append(records, rec)
	}
	return records, nil
}

// titleRecords are the rows above the header of indicators.csv (its
// title), neutralised, each as long as it was: written back above the
// header, where reading the file again takes them for its title.
func titleRecords(raw *csvfile.RawTable) [][]string {
	out := make([][]string, len(raw.Title))
	for i, r := range raw.Title {
		out[i] = csvsafe.All(slices.Clone(r.Fields))
	}
	return out
}

// cp932Lookalikes maps characters that CP932 lacks to the CP932 characters
// that Japanese fonts draw the same (the JIS X 0208 / CP932 mapping split:
// text typed on a Mac or taken from a PDF often has the former).
var cp932Lookalikes = strings.NewReplacer(
	"\u301C", "\uFF5E", // 〜 WAVE DASH → ～
	"\u2016", "\u2225", // ‖ → ∥
	"\u2212", "\uFF0D", // − MINUS SIGN → －
	"\u00A2", "\uFFE0", // ¢ → ￠
	"\u00A3", "\uFFE1", // £ → ￡
	"\u00AC", "\uFFE2", // ¬ → ￢
	"\u2014", "\u2015", // — EM DASH → ―
)

// toCP932 replaces the lookalikes in title and records (then neutralises
// again, as a replaced minus sign may now start the cell) and checks that
// every field can be written in CP932. The first character that cannot is
// returned as an *EncodingError naming its row of indicators.csv and its
// column (none in the title).
func toCP932(raw *csvfile.RawTable, title, records [][]string) error {
	for r, rec := range title {
		if err := fieldsToCP932(raw.File, raw.Title[r].Line, rec, nil); err != nil {
			return err
		}
	}
	for r, rec := range records {
		line := max(raw.HeaderLine, 1)
		if r > 0 {
			line = raw.Lines[r-1]
		}
		if err := fieldsToCP932(raw.File, line, rec, records[0]); err != nil {
			return err
		}
	}
	return nil
}

// fieldsToCP932 is toCP932 for one record, rec, of the row line, whose
// columns are named by header (nil for a title row).
func fieldsToCP932(file string, line int, rec, header []string) error {
	enc := japanese.ShiftJIS.NewEncoder()
	for c, f := range rec {
		f = csvsafe.Neutralise(cp932Lookalikes.Replace(f))
		rec[c] = f
		if _, err := enc.String(f); err == nil {
			continue
		}
		column := ""
		if c < len(header) {
			column = header[c]
		}
		return &EncodingError{File: file, Line: line, Column: column, Char: firstUnencodable(f)}
	}
	return nil
}

func firstUnencodable(s string) rune {
	enc := japanese.ShiftJIS.NewEncoder()
	for _, r := range s {
		if _, err := enc.String(string(r)); err != nil {
			return r
		}
	}
	return utf8.RuneError
}

// StaleError is the row of indicators.csv that no longer matches the
// indicator the database was computed from; it is an ErrStale.
type StaleError struct {
	File string
	Line int
	What string // how the row differs, in Japanese
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.What, ErrStale)
}

func (e *StaleError) Unwrap() error { return ErrStale }

// checkData returns a *StaleError when the indicators.csv of dir is not
// the one the database was refreshed from: the check of the CSV format,
// for a format that writes nothing of dir (staff who give --data with it
// expect the check).
func checkData(ctx context.Context, conn *sql.Conn, dir string) error {
	ds, err := input.Read(ctx, dir)
	if err != nil {
		return err
	}
	p, err := plan.Read(ctx, conn, plan.Choice{})
	if err != nil {
		return err
	}
	return checkFresh(ctx, conn, ds.FileOf(model.IndicatorsFile), ds.Indicators, p.Indicators)
}

// checkFresh returns a *StaleError, naming the first row, when an indicator of
// indicators.csv is not in the database or its definition differs from the
// one the actuals were computed with.
func checkFresh(ctx context.Context, conn *sql.Conn, file string, defs []model.Indicator, loaded []model.Indicator) error {
	byKey := make(map[model.IndicatorKey]model.Indicator, len(loaded))
	for _, in := range loaded {
		byKey[in.Key()] = in
	}
	codes, err := readCodes(ctx, conn)
	if err != nil {
		return err
	}
	for _, d := range defs {
		k := d.Key()
		db, ok := byKey[k]
		var what string
		switch {
		case !ok:
			what = "この指標がデータベースにありません"
		case db.Population != d.Population || db.QuestionKey != d.QuestionKey || db.FilterText != d.FilterText:
			what = "対象・設問・絞り込みが違います"
		case math.Abs(db.TargetPercent-d.TargetPercent) > 1e-9 || db.TargetOp != d.TargetOp || db.TargetYear != d.TargetYear:
			what = "目標が違います"
		case codes[k]["positive"] != cell.FormatCodes(d.PositiveCodes) || codes[k]["excluded"] != cell.FormatCodes(d.ExcludedCodes):
			what = "コードが違います"
		case db.Series != d.Series:
			what = "series (年度をまたぐ指標) が違います"
		default:
			continue
		}
		return &StaleError{File: file, Line: d.Line, What: what}
	}
	return nil
}

// readCodes returns the positive and excluded codes of every loaded
// indicator, written as cell.FormatCodes writes them.
func readCodes(ctx context.Context, conn *sql.Conn) (map[model.IndicatorKey]map[string]string, error) {
	lists := map[model.IndicatorKey]map[string][]int{}
	err := queries.Each(ctx, conn, "export_indicator_codes", nil, func(rows *sql.Rows) error {
		var k model.IndicatorKey
		var kind string
		var code int
		if err := rows.Scan(&k.Ward, &k.PlanYear, &k.IssueNo, &k.IndicatorNo, &kind, &code); err != nil {
			return err
		}
		if lists[k] == nil {
			lists[k] = map[string][]int{}
		}
		lists[k][kind] = append(lists[k][kind], code)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[model.IndicatorKey]map[string]string, len(lists))
	for k, kinds := range lists {
		out[k] = map[string]string{}
		for kind, list := range kinds {
			out[k][kind] = cell.FormatCodes(list)
		}
	}
	return out, nil
}
