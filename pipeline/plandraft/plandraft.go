// Package plandraft writes what plan extract drafts from the plans it read
// (package plandoc): indicators.csv with the columns staff must fill in
// left empty, and plans.csv, plan_issues.csv and plan_actions.csv, as
// Excel saves "CSV UTF-8". It also reads a plan text file as staff save
// it, with messages for them.
package plandraft

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/internal/csvsafe"
	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/planactions"
	"github.com/shihyo/shihyo/pipeline/input/plandoc"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// The columns plan extract adds to those of indicators.csv: which kind of
// indicator a row is, and what staff must fill in or check. validate
// ignores both.
const (
	kindColumn   = "indicator_kind"
	reviewColumn = "review"
)

// maxFile bounds a plan text: a plan is tens of kilobytes; a file far
// larger is not one.
const maxFile = 16 << 20

// ReadFile reads and decodes the plan text at path; its errors are
// messages for staff.
func ReadFile(ctx context.Context, path string, opts plandoc.Options) (plandoc.Plan, error) {
	if err := ctx.Err(); err != nil {
		return plandoc.Plan{}, err
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return plandoc.Plan{}, errors.New("ファイルがありません")
	case err != nil:
		return plandoc.Plan{}, fmt.Errorf("開けません: %w", err)
	case !st.Mode().IsRegular():
		return plandoc.Plan{}, errors.New("通常のファイルではありません (運営方針のテキストファイルを指定してください)")
	case st.Size() > maxFile:
		return plandoc.Plan{}, fmt.Errorf("%d バイトあり、運営方針のテキストとしては大きすぎます (%d バイトまで)", st.Size(), maxFile)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return plandoc.Plan{}, fmt.Errorf("読めません: %w", err)
	}
	text, _, err := paragraph.Decode(b)
	switch {
	case errors.Is(err, paragraph.ErrPDF):
		return plandoc.Plan{}, errors.New("PDF ファイルそのものは読めません。PDF ビューアで「テキストとして保存」したファイルを指定してください")
	case err != nil:
		return plandoc.Plan{}, errors.New("テキストファイルではありません (UTF-8・UTF-16・CP932 のどれでもありません)")
	}
	p, err := plandoc.ReadPlan(text, opts)
	if errors.Is(err, plandoc.ErrNoPlan) {
		return p, errors.New("運営方針が見つかりません: 目標・使命・経営課題・指標・取組のどれもありません (運営方針の本文を保存したファイルを指定してください)")
	}
	return p, err
}

// indicatorRecords are the indicators of plans as rows of indicators.csv,
// with their kind and review notes; what the plan cannot say is empty.
func indicatorRecords(plans []plandoc.Plan) [][]string {
	head := append(append([]string{}, input.IndicatorColumns...), "series", kindColumn, reviewColumn)
	out := [][]string{head}
	for _, p := range plans {
		for _, in := range p.Indicators {
			row := map[string]string{
				"ward": in.Ward, "plan_year": yearLabel(in.PlanYear), "issue_no": number(in.IssueNo),
				"indicator_no": number(in.IndicatorNo), "title": in.Title, "population": in.Population,
				"target_percent": strconv.FormatFloat(in.TargetPercent, 'f', -1, 64), "target_op": in.TargetOp,
				"target_year": present.Deadline(in.TargetYear), "source_text": in.SourceText,
				kindColumn: in.Kind, reviewColumn: strings.Join(in.Review, "; "),
			}
			out = append(out, byColumns(head, row))
		}
	}
	return out
}

// planFiles are the files of --plan-out, each with its rows.
func planFiles(plans []plandoc.Plan) map[string][][]string {
	files := map[string][][]string{
		model.PlansFile:       {input.PlanColumns},
		model.PlanIssuesFile:  {input.PlanIssueColumns},
		model.PlanActionsFile: {append(append([]string{}, planactions.Columns...), reviewColumn)},
	}
	for _, p := range plans {
		year := yearLabel(p.PlanYear)
		if p.Goal != "" || p.Mission != "" {
			files[model.PlansFile] = append(files[model.PlansFile], []string{p.Ward, year, p.Goal, p.Mission})
		}
		for _, is := range p.Issues {
			files[model.PlanIssuesFile] = append(files[model.PlanIssuesFile], []string{p.Ward, year, number(is.No), is.Title})
		}
		for _, a := range p.Actions {
			files[model.PlanActionsFile] = append(files[model.PlanActionsFile], actionRecord(a))
		}
	}
	return files
}

// actionRecord is a row of plan_actions.csv: the amount's columns empty
// when the plan prints none.
func actionRecord(a plandoc.Action) []string {
	amount, year := "", ""
	if a.BudgetKind != "" {
		amount, year = strconv.FormatInt(a.ThousandYen, 10), yearLabel(a.FiscalYear)
	}
	return []string{a.Ward, yearLabel(a.PlanYear), number(a.IssueNo), a.StrategyNo, a.ActionNo, a.Title,
		amount, a.BudgetKind, year, strings.Join(a.Review, "; ")}
}

// WriteIndicators writes the indicators of plans to w as indicators.csv,
// with two columns more: each row's kind and what staff must fill in or
// check (validate ignores both).
func WriteIndicators(w io.Writer, plans []plandoc.Plan) error {
	return WriteCSV(w, indicatorRecords(plans))
}

// WriteFiles writes plans.csv, plan_issues.csv and plan_actions.csv of
// plans into dir (made if missing), none of them when one is there
// already and force is not set, or when the folder keeps one of them as a
// workbook (checkDir). Each file is written whole or not at all.
func WriteFiles(ctx context.Context, dir string, force bool, plans []plandoc.Plan) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	files := planFiles(plans)
	names := []string{model.PlansFile, model.PlanIssuesFile, model.PlanActionsFile}
	if err := checkDir(dir, force, names); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("フォルダ %s を作れません: %w", dir, err)
	}
	for _, name := range names {
		recs := files[name]
		if err := fsatomic.Write(filepath.Join(dir, name), func(w io.Writer) error { return WriteCSV(w, recs) }); err != nil {
			return fmt.Errorf("%s を書けません: %w", filepath.Join(dir, name), err)
		}
	}
	return nil
}

// checkDir refuses a --plan-out that is a file, that holds one of
// names already (unless force), or that holds one of them as a workbook
// (plans.xlsx), force or not: a data folder with both plans.csv and
// plans.xlsx is refused by validate, and the workbook is staff's.
func checkDir(dir string, force bool, names []string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("--plan-out の %s はフォルダではなくファイルです。下書きを書くフォルダを指定してください (何も書いていません)", dir)
	}
	for _, name := range names {
		book := filepath.Join(dir, model.WorkbookName(name))
		if _, err := os.Lstat(book); err == nil {
			return fmt.Errorf("%s があるので、%s を書きません (同じファイルが .csv と .xlsx の両方あると validate が受け付けません)。"+
				"ほかのフォルダを --plan-out に指定して、下書きをブックに写してください (何も書いていません)", book, name)
		}
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil && !force {
			return fmt.Errorf("%s は既にあります。置き換えるなら --force を付けてください (何も書いていません)", filepath.Join(dir, name))
		}
	}
	return nil
}

// WriteCSV writes recs as Excel saves "CSV UTF-8": UTF-8 with a BOM (so
// that Excel opens it as UTF-8) and CRLF, every cell through the
// formula-injection guard.
func WriteCSV(w io.Writer, recs [][]string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, rec := range recs {
		if err := cw.Write(csvsafe.All(rec)); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func byColumns(head []string, row map[string]string) []string {
	out := make([]string, len(head))
	for i, col := range head {
		out[i] = row[col]
	}
	return out
}

// yearLabel writes a 年度 as data/sample does (令和5年度); "" for none.
func yearLabel(y int) string {
	if y == 0 {
		return ""
	}
	return wareki.Label(y)
}

// number writes an issue or indicator number; "" for none (0).
func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
