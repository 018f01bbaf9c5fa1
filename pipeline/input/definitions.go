package input

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/codes"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/field"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/tables"
)

var surveyIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// readDefinition reads the definition file name of ds, or the workbook that
// stands for it (tables.ReadDefinition), noting a workbook in ds.Files.
// Used are the optional columns the caller reads.
func readDefinition(ctx context.Context, ds *model.Dataset, name string, required, used []string) (*csvfile.Table, error) {
	return readTable(ctx, ds, name, false, tables.Spec{Required: required, Used: used})
}

// readOptional reads a definition file that may be absent, as its CSV file
// or its workbook: absent gives a nil table.
func readOptional(ctx context.Context, ds *model.Dataset, name string, required []string) (*csvfile.Table, error) {
	return readTable(ctx, ds, name, true, tables.Spec{Required: required})
}

func readTable(ctx context.Context, ds *model.Dataset, name string, optional bool, sp tables.Spec) (*csvfile.Table, error) {
	t, shown, err := tables.ReadDefinition(ctx, ds.Dir, name, optional, sp)
	if shown != "" {
		ds.Files[name] = shown
	}
	return t, err
}

func readSurveys(ctx context.Context, ds *model.Dataset) error {
	t, err := readDefinition(ctx, ds, model.SurveysFile,
		[]string{"survey_id", "ward", "fiscal_year", "population", "file", "encoding"}, []string{"mailed", "sheet"})
	if err != nil {
		return err
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "調査 (wave) の行")
	for _, r := range t.Rows {
		s := model.Survey{
			ID: t.Get(r, "survey_id"), Ward: t.Get(r, "ward"), Population: t.Get(r, "population"),
			File: t.Get(r, "file"), Encoding: strings.ToLower(t.Get(r, "encoding")), Slug: t.Get(r, "slug"), Sheet: t.Get(r, "sheet"), Line: r.Line,
		}
		if !surveyIDRe.MatchString(s.ID) {
			c.Add(t.File, r.Line, "survey_id", "survey_id は英数字と - _ で書いてください: %q", s.ID)
		}
		s.FiscalYear = field.RecentYear(&c, t, r, "fiscal_year")
		field.RequireText(&c, t, r, "ward", "population", "file")
		s.Encoding = normaliseEncoding(&c, t, r, s.Encoding)
		if t.Get(r, "mailed") != "" {
			s.Mailed = field.Count(&c, t, r, "mailed")
		}
		if s.File != "" && !localPath(s.File) {
			c.Add(t.File, r.Line, "file", "データフォルダの中の相対パスにしてください: %q", s.File)
		}
		if s.Sheet != "" && s.File != "" && !tables.IsWorkbook(s.File) {
			c.Add(t.File, r.Line, "sheet", "sheet は回答ファイルが Excel のブック (.xlsx, .xlsm) のときだけ書きます (%q はブックではありません)", s.File)
		}
		ds.Surveys = append(ds.Surveys, s)
	}
	return c.Err()
}

// localPath reports whether p stays inside the data directory.
func localPath(p string) bool {
	return filepath.IsLocal(filepath.FromSlash(p))
}

func normaliseEncoding(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, e string) string {
	switch strings.ReplaceAll(e, "-", "_") {
	case "", "auto":
		return csvfile.EncodingAuto
	case "utf_8", "utf8", "utf_8_bom":
		return csvfile.EncodingUTF8
	case "shift_jis", "sjis", "cp932", "windows_31j", "ms932":
		return csvfile.EncodingShiftJIS
	}
	c.Add(t.File, r.Line, "encoding", "文字コードは空欄・auto・utf-8・shift_jis のいずれかです: %q", e)
	return csvfile.EncodingAuto
}

func readQuestions(ctx context.Context, ds *model.Dataset) error {
	t, err := readDefinition(ctx, ds, model.QuestionsFile, []string{"survey_id", "column", "key", "role", "text"}, []string{"code"})
	if err != nil {
		return err
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "設問の行")
	for _, r := range t.Rows {
		q := model.Question{
			SurveyID: t.Get(r, "survey_id"), Column: t.Get(r, "column"), Key: t.Get(r, "key"),
			Role: model.Role(strings.ToLower(t.Get(r, "role"))), Text: t.Get(r, "text"), Line: r.Line,
		}
		field.RequireText(&c, t, r, "survey_id", "column")
		switch q.Role {
		case model.RoleID, model.RoleWeight, model.RoleAttribute, model.RoleQuestion, model.RoleMulti:
		default:
			c.Add(t.File, r.Line, "role", "role は id・weight・attribute・question・multi のいずれかです: %q", q.Role)
		}
		// The key of the id and weight rows means nothing: it may be left blank.
		if !ValidKey(q.Key) && (q.Key != "" || (q.Role != model.RoleID && q.Role != model.RoleWeight)) {
			c.Add(t.File, r.Line, "key", "キーは英字で始まる英数字と _ で書いてください: %q", q.Key)
		}
		questionOption(&c, t, r, &q)
		ds.Questions = append(ds.Questions, q)
	}
	return c.Err()
}

// questionOption reads the code column of a questions.csv row: the option
// whose 0/1 column a row of role multi is, or blank.
func questionOption(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, q *model.Question) {
	v := t.Get(r, "code")
	switch {
	case v == "":
	case q.Role != model.RoleMulti:
		c.Add(t.File, r.Line, "code", "code は role が multi の行 (選択肢ごとの列) にだけ書きます")
	default:
		n, err := cell.ParseCode(v)
		if err != nil {
			c.Add(t.File, r.Line, "code", "選択肢のコードは 0 以上の整数です: %q", v)
		}
		q.PerOption, q.Option = true, n
	}
}

func readChoices(ctx context.Context, ds *model.Dataset) error {
	t, err := readDefinition(ctx, ds, model.ChoicesFile, []string{"survey_id", "key", "code", "label"}, []string{"kind"})
	if err != nil {
		return err
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "選択肢の行")
	for _, r := range t.Rows {
		ch := model.Choice{SurveyID: t.Get(r, "survey_id"), Key: t.Get(r, "key"), Label: t.Get(r, "label"), Line: r.Line}
		code, err := cell.ParseCode(t.Get(r, "code"))
		switch {
		case errors.Is(err, cell.ErrNegativeCode):
			c.Add(t.File, r.Line, "code", "回答コードが負の数です: %q (コードは 0 以上の整数です。無回答は回答を空欄にするか、無回答のコードを kind=missing にしてください)", t.Get(r, "code"))
		case err != nil:
			c.Add(t.File, r.Line, "code", "回答コードは整数です: %q", t.Get(r, "code"))
		}
		ch.Code = code
		kind, withBlank, ok := codes.ParseKind(t.Get(r, "kind"))
		if !ok {
			c.Add(t.File, r.Line, "kind", "kind は空欄 (回答)・missing (無回答)・not_applicable (非該当)・with_blank (無回答と合算) のいずれかです: %q", t.Get(r, "kind"))
		}
		ch.Kind, ch.WithBlank = kind, withBlank
		// A blank survey_id is a row shared by every wave (model.Choice).
		field.RequireText(&c, t, r, "key")
		ds.Choices = append(ds.Choices, ch)
	}
	return c.Err()
}

func readPlans(ctx context.Context, ds *model.Dataset) error {
	t, err := readOptional(ctx, ds, model.PlansFile, []string{"ward", "plan_year", "goal", "mission"})
	if err != nil || t == nil {
		return err
	}
	var c csvfile.Collector
	for _, r := range t.Rows {
		ds.Plans = append(ds.Plans, model.Plan{
			Ward: t.Get(r, "ward"), PlanYear: field.RecentYear(&c, t, r, "plan_year"),
			Goal: t.Get(r, "goal"), Mission: t.Get(r, "mission"), Slug: t.Get(r, "slug"), Line: r.Line,
		})
	}
	return c.Err()
}

func readPlanIssues(ctx context.Context, ds *model.Dataset) error {
	t, err := readOptional(ctx, ds, model.PlanIssuesFile, []string{"ward", "plan_year", "issue_no", "title"})
	if err != nil || t == nil {
		return err
	}
	var c csvfile.Collector
	for _, r := range t.Rows {
		ds.PlanIssues = append(ds.PlanIssues, model.PlanIssue{
			Ward: t.Get(r, "ward"), PlanYear: field.RecentYear(&c, t, r, "plan_year"),
			IssueNo: field.Int(&c, t, r, "issue_no"), Title: t.Get(r, "title"), Line: r.Line,
		})
	}
	return c.Err()
}
