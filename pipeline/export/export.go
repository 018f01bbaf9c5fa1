// Package export writes the computed actuals back into the plan, so that
// staff never retype them: the plan's own indicators.csv with the actuals
// appended (CSV for Excel), the アウトカム指標の達成状況 table of the 運営方針
// 様式 (XLSX), and the actuals table for analysts (Parquet).
package export

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/shihyo/shihyo/pipeline/export/plan"
	"github.com/shihyo/shihyo/pipeline/export/xlsx"
)

// Formats.
const (
	FormatCSV     = "csv"
	FormatXLSX    = "xlsx"
	FormatParquet = "parquet"
)

// Encodings of the CSV format.
const (
	EncodingUTF8     = "utf-8"     // with a BOM, so that Excel detects it
	EncodingShiftJIS = "shift_jis" // CP932 / Windows-31J, without BOM
)

// Errors a caller may tell apart. Their text is shown to staff as it is.
var (
	// ErrOptions marks options that cannot work together (a usage error).
	ErrOptions = errors.New("書き出しの指定が正しくありません")
	// ErrExists is returned when the output exists and Force is not set.
	ErrExists = errors.New("書き出し先が既にあります。置き換えるには --force を指定してください")
	// ErrNoDatabase is returned when the database file does not exist.
	ErrNoDatabase = errors.New("データベースがありません。先に shihyo refresh を実行してください")
	// ErrStale is returned when indicators.csv no longer matches the
	// indicators the database was computed from.
	ErrStale = errors.New("indicators.csv が、データベース (--db) を作った refresh の定義と違います。" +
		"--data には refresh に使ったデータフォルダを指定してください。indicators.csv を直したのなら、" +
		"shihyo refresh --data <そのフォルダ> を実行してから書き出してください")
	// ErrNoActuals is returned when the chosen fiscal year has no actual.
	ErrNoActuals = plan.ErrNoActuals
	// ErrNoPlan is returned when the chosen plan year has no indicator.
	ErrNoPlan = plan.ErrNoPlan
)

// Options says what Export reads and writes.
type Options struct {
	DataDir    string // the data directory whose indicators.csv the CSV format writes back into
	DB         string // the database of a refresh; opened read-only
	Format     string // FormatCSV, FormatXLSX or FormatParquet
	Encoding   string // CSV only: EncodingUTF8 (the default when empty) or EncodingShiftJIS
	FiscalYear int    // 西暦; 0 means, ward by ward, the latest fiscal year with an actual that the plan shown judges (plan.Choice)
	PlanYear   int    // 西暦; the plan whose rows the CSV and XLSX tables show; 0 means each ward's current (latest) plan
	Output     string // a file; for Parquet with Partition, a folder
	Partition  bool   // Parquet only: one file per ward=…/fiscal_year=… folder
	Force      bool   // replace an existing output
	Logger     *slog.Logger
}

func (o Options) withDefaults() Options {
	o.Format = strings.ToLower(strings.TrimSpace(o.Format))
	switch strings.ToLower(strings.TrimSpace(o.Encoding)) {
	case "", "utf-8", "utf8":
		if o.Format == FormatCSV {
			o.Encoding = EncodingUTF8
		}
	case "shift_jis", "shift-jis", "sjis", "cp932", "windows-31j":
		o.Encoding = EncodingShiftJIS
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

func (o Options) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrOptions, fmt.Sprintf(format, args...))
	}
	switch o.Format {
	case FormatCSV, FormatXLSX, FormatParquet:
	case "":
		return bad("--format (csv, xlsx, parquet) を指定してください")
	default:
		return bad("--format は csv, xlsx, parquet のどれかです: %q", o.Format)
	}
	if o.Output == "" {
		return bad("--output (書き出すファイル) を指定してください")
	}
	if o.DB == "" {
		return bad("--db (データベースのファイル) を指定してください")
	}
	if o.Format == FormatCSV {
		if o.DataDir == "" {
			return bad("csv には --data (データフォルダ) が必要です")
		}
		if o.Encoding != EncodingUTF8 && o.Encoding != EncodingShiftJIS {
			return bad("--encoding は utf-8 か shift_jis です: %q", o.Encoding)
		}
	} else if o.Encoding != "" {
		return bad("--encoding は csv のときだけ指定できます")
	}
	if o.Partition && o.Format != FormatParquet {
		return bad("--partition は parquet のときだけ指定できます")
	}
	if o.FiscalYear != 0 && (o.FiscalYear < 1900 || o.FiscalYear > 2200) {
		return bad("--fiscal-year が年度ではありません: %d", o.FiscalYear)
	}
	if o.PlanYear != 0 && (o.PlanYear < 1900 || o.PlanYear > 2200) {
		return bad("--plan-year が年度ではありません: %d", o.PlanYear)
	}
	if o.PlanYear != 0 && o.Format == FormatParquet {
		return bad("--plan-year は csv と xlsx のときだけ指定できます (parquet はすべての運営方針の実績です)")
	}
	same, err := samePath(o.Output, o.DB)
	if err != nil {
		return err
	}
	if same {
		return bad("--output がデータベースと同じファイルです")
	}
	return nil
}

// Export writes the actuals of the database opts.DB in opts.Format to
// opts.Output.
//
// Guarantees:
//   - The database is opened read-only and only its aggregate and
//     definition tables (actuals, indicators, indicator_codes, plan_issues,
//     choices) are read: respondent ids and answers never reach an export.
//   - Text cells that a spreadsheet would run as a formula (starting with
//     =, +, -, @, their full-width forms, a tab or a carriage return, and not
//     a number such as -5 or -0.5) are prefixed with ' in CSV and XLSX.
//   - The output is written under a temporary name beside it and renamed
//     into place when complete: on any failure, including a cancelled ctx,
//     an existing output is left as it was and no partial file remains.
//   - An existing output is never replaced unless opts.Force is set
//     (ErrExists); a partitioned folder is replaced only if it holds nothing
//     but ward=… folders of an earlier export.
//   - A Shift_JIS export fails with an *EncodingError naming the row of
//     indicators.csv, the column and the character that CP932 cannot hold;
//     no character is ever written as "?".
//
// opts.DataDir is required for the CSV format; given with another, it is
// checked as the CSV format checks it (ErrStale), and nothing else of it
// is read.
//
// Errors: ErrOptions for options that do not fit together, ErrNoDatabase,
// ErrStale when indicators.csv has changed since the refresh, ErrNoActuals
// when opts.FiscalYear has no actual, input.Problems for an unreadable
// indicators.csv.
func Export(ctx context.Context, opts Options) error {
	opts = opts.withDefaults()
	if err := opts.check(); err != nil {
		return err
	}
	if err := checkOutput(opts.Output, opts.Force, opts.Partition); err != nil {
		return err
	}
	db, conn, err := openReadOnly(ctx, opts.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	defer conn.Close()
	if opts.DataDir != "" && opts.Format != FormatCSV {
		if err := checkData(ctx, conn, opts.DataDir); err != nil {
			return err
		}
	}
	log := opts.Logger.With("format", opts.Format, "db", opts.DB, "output", opts.Output)
	var rows int
	switch opts.Format {
	case FormatCSV:
		rows, err = exportCSV(ctx, conn, opts)
	case FormatXLSX:
		rows, err = exportXLSX(ctx, conn, opts)
	case FormatParquet:
		rows, err = exportParquet(ctx, conn, opts)
	}
	if err != nil {
		return err
	}
	log.Info("書き出しました", "rows", rows)
	return nil
}

// samePath reports whether a and b name the same file; a path that does
// not exist yet is compared by its absolute form.
func samePath(a, b string) (bool, error) {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb), nil
	}
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, fmt.Errorf("resolve %s: %w", a, err)
	}
	ab, err := filepath.Abs(b)
	if err != nil {
		return false, fmt.Errorf("resolve %s: %w", b, err)
	}
	return aa == ab, nil
}

// exportXLSX writes the XLSX 様式 (package xlsx) and returns the number of
// indicator rows.
func exportXLSX(ctx context.Context, conn *sql.Conn, opts Options) (int, error) {
	p, err := plan.Read(ctx, conn, plan.Choice{PlanYear: opts.PlanYear, FiscalYear: opts.FiscalYear})
	if err != nil {
		return 0, err
	}
	var rows int
	err = writeFile(opts.Output, opts.Force, func(w io.Writer) (err error) {
		rows, err = xlsx.Write(ctx, w, p)
		return err
	})
	return rows, err
}
