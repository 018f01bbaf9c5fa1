package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// A wantProblem is one expected defect: the file relative to the data
// directory, the line, and a piece of the message.
type wantProblem struct {
	file string
	line int
	msg  string
}

// badCases holds one case per defect of the input contract. Each names a
// folder of testdata/bad that holds only the files that differ from
// testdata/small (see testdata/bad/README.md).
var badCases = []struct {
	name string
	want []wantProblem
}{
	{"unknown_code", []wantProblem{{"responses/w2020.csv", 8, "choices.csv にない回答コード 5"}}},
	{"duplicate_id", []wantProblem{{"responses/w2020.csv", 10, "回答者番号が重複しています (9 行目と同じ)"}}},
	{"missing_column", []wantProblem{{"indicators.csv", 1, "必須の列「positive_codes」がありません"}}},
	{"missing_column_responses", []wantProblem{{"responses/w2022.csv", 1, "必須の列「ウエイト」がありません"}}},
	{"missing_file", []wantProblem{{"surveys.csv", 4, `回答ファイル "responses/w2099.csv" がありません`}}},
	{"empty_file", []wantProblem{{"responses/wx.csv", 1, "空のファイルです"}}},
	{"header_only", []wantProblem{{"indicators.csv", 1, "指標の行が 1 行もありません"}}},
	{"ragged_row", []wantProblem{{"responses/w2020.csv", 5, "列の数が 2 あります (見出しは 3 列)"}}},
	{"bad_quote", []wantProblem{{"responses/w2020.csv", 6, "CSV として読めません"}}},
	{"nul_byte", []wantProblem{{"responses/w2022.csv", 3, "NUL バイト"}}},
	{"cp932_declared_utf8", []wantProblem{{"responses/w2021.csv", 1, "UTF-8 として読めないバイト"}}},
	{"utf8_declared_shift_jis", []wantProblem{{"responses/w2022.csv", 1, "UTF-8 のファイルです"}}},
	// The bad byte is on the file's line 9, in Excel's row 8: row 6 holds a
	// cell with a line break.
	{"invalid_cp932", []wantProblem{{"responses/w2021.csv", 8, "Shift_JIS (CP932) として読めないバイト"}}},
	{"invalid_utf8", []wantProblem{{"responses/w2020.csv", 7, "UTF-8 としても Shift_JIS (CP932) としても読めない"}}},
	{"weight_not_positive", []wantProblem{
		{"responses/w2022.csv", 3, "ウエイトが正の数ではありません"},
		{"responses/w2022.csv", 5, "ウエイトが正の数ではありません"},
	}},
	// Go literal syntax and exponents are not weights as staff write them;
	// 1e308 once reached DuckDB and failed there with SQL text.
	{"weight_not_plain_decimal", []wantProblem{
		{"responses/w2022.csv", 2, "指数表記"},
		{"responses/w2022.csv", 3, "数字と小数点だけで書いてください"},
		{"responses/w2022.csv", 4, "数字と小数点だけで書いてください"},
		{"responses/w2022.csv", 5, "指数表記"},
		{"responses/w2022.csv", 6, "数字と小数点だけで書いてください"},
	}},
	// Weights the published rounding could not sum exactly.
	{"weight_not_exact", []wantProblem{
		{"responses/w2022.csv", 2, "ウエイトの有効数字が 15 桁を超えています"},
		{"responses/w2022.csv", 3, "ウエイトの小数点以下が 18 桁を超えています"},
		{"responses/w2022.csv", 4, "ウエイトが大きすぎます (10,000,000 未満にしてください)"},
		{"responses/w2022.csv", 6, "ウエイトが大きすぎます"},
	}},
	{"fiscal_year_not_year", []wantProblem{{"surveys.csv", 3, `年度として読めません: "R"`}}},
	{"target_year_not_year", []wantProblem{{"indicators.csv", 4, `年度として読めません: "R九"`}}},
	{"target_out_of_range", []wantProblem{{"indicators.csv", 3, `目標値は 0 から 100 までの数です: "150"`}}},
	{"filter_unknown_key", []wantProblem{{"indicators.csv", 3, `絞り込みのキー "kodomo" は`}}},
	{"filter_key_missing_in_a_wave", []wantProblem{{"indicators.csv", 3, `絞り込みのキー "kosodate" が調査 w2022 の questions.csv にありません`}}},
	{"filter_unknown_code", []wantProblem{{"indicators.csv", 3, `コード 3 は設問 "kosodate" の選択肢にありません`}}},
	{"parents_without_filter", []wantProblem{{"indicators.csv", 3, "source_text は子育て世帯の割合ですが、filter が空欄です"}}},
	{"positive_code_not_choice", []wantProblem{{"indicators.csv", 2, `コード 5 は設問 "q" の選択肢にありません`}}},
	{"excluded_code_not_choice", []wantProblem{{"indicators.csv", 4, `コード 8 は設問 "q" の選択肢にありません`}}},
	{"duplicate_indicator", []wantProblem{{"indicators.csv", 4, "同じ指標 (区・年度・経営課題・番号) が 3 行目にもあります"}}},
	{"question_never_appears", []wantProblem{{"indicators.csv", 5, `設問 "kocho2" がありません`}}},
	{"id_column_missing", []wantProblem{{"surveys.csv", 2, "questions.csv に w2020 の role=id (回答者番号) の行がありません"}}},
	{"source_text_contradicts", []wantProblem{
		{"indicators.csv", 2, "source_text の目標は 60% ですが、target_percent は 50 です"},
		{"indicators.csv", 2, "source_text の期限は令和9年度 (2027) ですが、target_year は令和8年度 (2026) です"},
		{"indicators.csv", 4, "source_text では「以下」ですが、target_op は「以上」です"},
	}},
	// Several defects in one run, found by different stages (a check across
	// files and two response files), must all be reported.
	{"several_files", []wantProblem{
		{"indicators.csv", 4, "同じ指標"},
		{"responses/w2020.csv", 8, "choices.csv にない回答コード 5"},
		{"responses/w2022.csv", 3, "ウエイトが正の数ではありません"},
	}},
	{"several_definitions", []wantProblem{
		{"choices.csv", 5, `回答コードは整数です: "二"`},
		{"indicators.csv", 3, "目標値は 0 から 100"},
		{"surveys.csv", 3, "年度として読めません"},
	}},
	// Two rows of surveys.csv for one wave: named at the second, citing the first.
	{"duplicate_wave_year", []wantProblem{{"surveys.csv", 3, "テスト区・区民・令和2年度 (2020) の調査は 2 行目 (w2020) にもあります"}}},
	{"duplicate_response_file", []wantProblem{{"surveys.csv", 6, `回答ファイル "./responses/w2020.csv" は 2 行目の調査 w2020 のファイル "responses/w2020.csv" と同じです`}}},
	{"duplicate_survey_id_case", []wantProblem{{"surveys.csv", 6, `survey_id "W2020" が重複しています (2 行目の "w2020" と同じ`}}},
	// Years that never were, or are too far from the plans to be meant.
	{"era_year_never_was", []wantProblem{
		{"surveys.csv", 2, `"平成32年度" という年度はありません`},
		{"surveys.csv", 3, `年度として読めません: "令和100年度"`},
	}},
	{"year_out_of_window", []wantProblem{
		{"plans.csv", 2, "昭和63年度 (1988) は範囲外です"},
		{"surveys.csv", 4, "昭和63年度 (1988) は範囲外です"},
		{"surveys.csv", 5, "令和80年度 (2098) は範囲外です"},
	}},
	{"target_year_out_of_window", []wantProblem{
		{"indicators.csv", 3, "目標の年度令和42年度 (2060) は範囲外です"},
		{"indicators.csv", 5, "目標の年度令和3年度 (2021) は範囲外です"},
	}},
	{"ward_page_collision", []wantProblem{{"plan_issues.csv", 5, `区 "大阪市鶴見区" のページ (ward-tsurumi.html) が、plans.csv 3 行目の区 "鶴見区" のページと同じ名前になり`}}},
	// The row Excel shows: a cell with two line breaks (row 4) and a blank
	// line (row 7) come before the bad code, on the file's line 13.
	{"multiline_cell", []wantProblem{{"responses/w2020.csv", 11, "choices.csv にない回答コード 5"}}},
	{"negative_code", []wantProblem{{"responses/w2020.csv", 5, "回答コードが負の数です"}}},
	{"code_not_plain", []wantProblem{
		{"responses/w2020.csv", 3, "回答コードが整数ではありません"},
		{"responses/w2020.csv", 6, "回答コードが整数ではありません"},
	}},
	{"number_not_plain", []wantProblem{
		{"indicators.csv", 2, `目標値は 0 から 100 までの数です: "0x1.ep5"`},
		{"surveys.csv", 2, `正の整数ではありません: "+40"`},
	}},
	{"symlink_outside", []wantProblem{{"surveys.csv", 2, `回答ファイル "responses/w2020.csv" はデータフォルダの外を指すシンボリックリンクです`}}},
	{"utf16_file", []wantProblem{{"responses/w2020.csv", 1, "UTF-16 のファイルです (Excel の「Unicode テキスト」)"}}},
	{"xlsx_as_csv", []wantProblem{{"responses/w2020.csv", 1, "Excel のブック (.xlsx) で、CSV ではありません"}}},
	{"xls_as_csv", []wantProblem{{"responses/w2020.csv", 1, "古い形式の Excel のブック (.xls) で、CSV ではありません"}}},
	{"cr_line_ends", []wantProblem{{"responses/w2020.csv", 1, "改行が CR だけのファイルです"}}},
	// BOM, CRLF, 全角 digits, 令和元年度 and trailing empty lines, a CP932
	// file with a UTF-8 BOM declared shift_jis: no problem.
	{"accepted_forms", nil},
	// Accepted with warnings only (warnCases): validate exits 0.
	{"warn_labels_differ", nil},
	{"warn_target_before_first_wave", nil},
}

// warnCases holds the warnings expected of a case of badCases; every other
// case must give none.
var warnCases = map[string][]wantProblem{
	"warn_labels_differ": {
		{"choices.csv", 18, `"q" のコード 1 の選択肢が w2021 (令和3年度、11 行目) の「そう思う」から、w2022 (令和4年度) では「そう思わない」に変わっています`},
		{"choices.csv", 19, `"q" のコード 2 の選択肢が w2021 (令和3年度、12 行目) の「どちらかといえばそう思う」から、w2022 (令和4年度) では「どちらかといえばそう思わない」に`},
		{"choices.csv", 20, `"q" のコード 3 の選択肢が w2021 (令和3年度、13 行目)`},
		{"choices.csv", 21, `"q" のコード 4 の選択肢が w2021 (令和3年度、14 行目) の「そう思わない」から、w2022 (令和4年度) では「そう思う」に`},
	},
	"warn_target_before_first_wave": {
		{"indicators.csv", 5, "目標の年度令和4年度 (2022) は、この指標の最初の調査 wx (令和5年度) より前です"},
	},
}

// overlay copies testdata/small into a temporary folder and the files of
// testdata/bad/name over it, and returns the folder.
func overlay(t testing.TB, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join("testdata", "bad", name)
	err := filepath.WalkDir(bad, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(bad, p)
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link is laid over as a link (symlink_outside).
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, rel)
			if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			return os.Symlink(target, dst)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("overlay %s: %v", name, err)
	}
	return dir
}

// checkProblems asserts that err carries exactly the wanted problems, in
// order, each printed as FILE:LINE: message.
func checkProblems(t *testing.T, dir string, err error, want []wantProblem) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("want no problem; got %v", err)
		}
		return
	}
	got, ok := input.AsProblems(err)
	if !ok {
		t.Fatalf("want %d problems; got error %v", len(want), err)
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems; want %d:", len(got), len(want))
		for _, p := range got {
			t.Errorf("  %v", p)
		}
		return
	}
	lineRe := regexp.MustCompile(`^(.+):([1-9][0-9]*): (.+)$`)
	for i, w := range want {
		p := got[i]
		file := filepath.Join(dir, filepath.FromSlash(w.file))
		if p.File != file || p.Line != w.line || !strings.Contains(p.Msg, w.msg) {
			t.Errorf("problem %d = %s:%d %q; want %s:%d containing %q", i+1, p.File, p.Line, p.Msg, file, w.line, w.msg)
		}
		m := lineRe.FindStringSubmatch(p.Error())
		if m == nil || m[1] != file || m[2] != fmt.Sprint(w.line) {
			t.Errorf("printed as %q; want %s:%d: message", p.Error(), file, w.line)
		}
	}
}

// checkWarnings asserts that got are exactly the wanted warnings, in order,
// each printed as FILE:LINE: 注意: message.
func checkWarnings(t *testing.T, dir string, got []*model.Warning, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d warnings; want %d:", len(got), len(want))
		for _, w := range got {
			t.Errorf("  %v", w)
		}
		return
	}
	for i, w := range want {
		g := got[i]
		file := filepath.Join(dir, filepath.FromSlash(w.file))
		if g.File != file || g.Line != w.line || !strings.Contains(g.Msg, w.msg) {
			t.Errorf("warning %d = %s:%d %q; want %s:%d containing %q", i+1, g.File, g.Line, g.Msg, file, w.line, w.msg)
		}
		if prefix := fmt.Sprintf("%s:%d: 注意: ", file, w.line); !strings.HasPrefix(g.String(), prefix) {
			t.Errorf("printed as %q; want it to start %q", g.String(), prefix)
		}
	}
}

func TestValidateDefects(t *testing.T) {
	for _, c := range badCases {
		t.Run(c.name, func(t *testing.T) {
			dir := overlay(t, c.name)
			warnings, err := Validate(context.Background(), dir)
			checkProblems(t, dir, err, c.want)
			checkWarnings(t, dir, warnings, warnCases[c.name])
		})
	}
}

// TestWarnCasesHaveAFolder keeps warnCases within badCases.
func TestWarnCasesHaveAFolder(t *testing.T) {
	known := map[string]bool{}
	for _, c := range badCases {
		known[c.name] = true
	}
	for name := range warnCases {
		if !known[name] {
			t.Errorf("warnCases has %s, which badCases lacks", name)
		}
	}
}

// TestEveryBadFolderHasACase keeps testdata/bad and the table in step.
func TestEveryBadFolderHasACase(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range badCases {
		known[c.name] = true
	}
	for _, e := range entries {
		if e.IsDir() && !known[e.Name()] {
			t.Errorf("testdata/bad/%s has no case in badCases", e.Name())
		}
		delete(known, e.Name())
	}
	for name := range known {
		t.Errorf("case %s has no folder testdata/bad/%s", name, name)
	}
}

// TestRefreshDefectsLeaveOutputAlone refreshes the small fixture, then
// refreshes over each defect: each must fail with the same problems as
// Validate, leave every published file byte-identical and the data of the
// database as it was, with no staging folder left behind.
//
// status.html is left out: a failed refresh rewrites it on purpose to show
// the failure (its run history lives in a database of its own, so the data
// file stays byte-identical). The database is compared byte for byte, and
// table by table to say what changed.
func TestRefreshDefectsLeaveOutputAlone(t *testing.T) {
	opts := refreshSmall(t)
	checkDatabaseClosed(t, opts.DB)
	site, data, sum := snapshot(t, opts.Out), dbContent(t, opts.DB), dbHash(t, opts.DB)
	for _, c := range badCases {
		if c.want == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			bad := opts
			bad.DataDir = overlay(t, c.name)
			_, err := Refresh(context.Background(), bad)
			checkProblems(t, bad.DataDir, err, c.want)
			if snapshot(t, opts.Out) != site {
				t.Error("the published folder changed")
			}
			if got := dbContent(t, opts.DB); got != data {
				t.Errorf("the database changed:\n%s\nwant\n%s", got, data)
			}
			if dbHash(t, opts.DB) != sum {
				t.Error("the database file changed")
			}
			checkNoLeftovers(t, opts)
			checkDatabaseClosed(t, opts.DB)
		})
	}
}

// TestFirstRefreshWithDefectPublishesNothing: with no previous output, a
// refresh over a defect publishes no file (status.html aside) and loads
// nothing into the database.
func TestFirstRefreshWithDefectPublishesNothing(t *testing.T) {
	root := t.TempDir()
	opts := Options{DataDir: overlay(t, "several_files"), DB: filepath.Join(root, "db", "shihyo.duckdb"), Out: filepath.Join(root, "out")}
	if _, err := Refresh(context.Background(), opts); err == nil {
		t.Fatal("Refresh accepted a defect")
	}
	if _, err := os.Stat(opts.Out); err == nil {
		if got := snapshot(t, opts.Out); got != "" {
			t.Errorf("a failed first refresh published:\n%s", got)
		}
	}
	if _, err := os.Stat(opts.DB); err == nil {
		if got := dbContent(t, opts.DB); strings.Contains(got, " rows ") && !strings.Contains(got, "rows 0 ") {
			t.Errorf("a failed first refresh loaded data:\n%s", got)
		}
	}
	checkNoLeftovers(t, opts)
}

// TestAcceptedFormsGiveTheSameActuals: the forms accepted without complaint
// (BOM, CRLF, 全角 digits, trailing empty rows) must also be read as the
// plain forms are, to the same actuals.
func TestAcceptedFormsGiveTheSameActuals(t *testing.T) {
	plain := refreshSmall(t)
	dir := t.TempDir()
	opts := Options{DataDir: overlay(t, "accepted_forms"), DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	want, err := os.ReadFile(filepath.Join(plain.Out, ActualsFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(opts.Out, ActualsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("actuals differ:\n%s\nwant\n%s", got, want)
	}
}

func dbHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// dbContent summarises every table of the database but runs: one line per
// table with its row count and a hash of its rows in a stable order.
func dbContent(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	db := openReadOnly(t, path)
	defer db.Close()
	tables, err := tableNames(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range tables {
		if name == "runs" {
			continue
		}
		n, sum, err := tableHash(ctx, db, name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s rows %d %s\n", name, n, sum)
	}
	return b.String()
}

var identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

func tableNames(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// tableHash reads a whole table; its name comes from the catalogue and is
// checked before it is quoted into the query.
func tableHash(ctx context.Context, db *sql.DB, name string) (int, string, error) {
	if !identRe.MatchString(name) {
		return 0, "", fmt.Errorf("unexpected table name %q", name)
	}
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+name+`" ORDER BY ALL`)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, "", err
	}
	h, n := sha256.New(), 0
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", fmt.Errorf("read %s: %w", name, err)
		}
		fmt.Fprintf(h, "%v\n", vals)
		n++
	}
	return n, hex.EncodeToString(h.Sum(nil))[:16], rows.Err()
}

// checkNoLeftovers fails when a refresh left a staging folder beside the
// published one or a write-ahead log beside the database.
func checkNoLeftovers(t *testing.T, opts Options) {
	t.Helper()
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(opts.Out), "."+filepath.Base(opts.Out)+".tmp-*"))
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(opts.Out), "."+filepath.Base(opts.Out)+".new-*"))
	stale = append(stale, old...)
	for _, s := range stale {
		t.Errorf("staging folder left: %s", s)
	}
	if _, err := os.Stat(opts.DB + ".wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("write-ahead log left beside the database (stat: %v)", err)
	}
}

// checkDatabaseClosed opens the database from another process: DuckDB
// locks its file for the process that has it open, so this fails if
// Refresh left it open.
func checkDatabaseClosed(t *testing.T, db string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperOpenDatabase$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SHIHYO_TEST_OPEN_DB="+db)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("another process cannot open the database after Refresh: %v\n%s", err, out)
	}
}

// TestHelperOpenDatabase is run by checkDatabaseClosed in a child process.
func TestHelperOpenDatabase(t *testing.T) {
	path := os.Getenv("SHIHYO_TEST_OPEN_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	// Read-only, so the check itself cannot change the file; it still
	// needs the lock a writer that forgot to close would hold.
	db := openReadOnly(t, path)
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM actuals").Scan(&n); err != nil {
		t.Fatal(err)
	}
}

// openReadOnly opens the database at path read-only; the caller closes it
// before the next refresh, which needs the file to itself.
func openReadOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	return db
}
