package input

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

var surveyIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func parseYear(s string) (int, error) { return wareki.Parse(s) }

func readSurveys(ctx context.Context, ds *Dataset) error {
	t, err := readTable(ctx, ds.Dir, SurveysFile, EncodingAuto,
		[]string{"survey_id", "ward", "fiscal_year", "population", "file", "encoding"})
	if err != nil {
		return wrapRead(SurveysFile, err)
	}
	var c collector
	requireRows(&c, t, "調査 (wave) の行")
	for _, r := range t.rows {
		s := Survey{
			ID: t.get(r, "survey_id"), Ward: t.get(r, "ward"), Population: t.get(r, "population"),
			File: t.get(r, "file"), Encoding: strings.ToLower(t.get(r, "encoding")), Line: r.line,
		}
		if !surveyIDRe.MatchString(s.ID) {
			c.add(t.file, r.line, "survey_id", "survey_id は英数字と - _ で書いてください: %q", s.ID)
		}
		s.FiscalYear = recentYearField(&c, t, r, "fiscal_year")
		requireText(&c, t, r, "ward", "population", "file")
		s.Encoding = normaliseEncoding(&c, t, r, s.Encoding)
		if t.get(r, "mailed") != "" {
			s.Mailed = intField(&c, t, r, "mailed")
		}
		if s.File != "" && !localPath(s.File) {
			c.add(t.file, r.line, "file", "データフォルダの中の相対パスにしてください: %q", s.File)
		}
		ds.Surveys = append(ds.Surveys, s)
	}
	return c.err()
}

// localPath reports whether p stays inside the data directory.
func localPath(p string) bool {
	return filepath.IsLocal(filepath.FromSlash(p))
}

func normaliseEncoding(c *collector, t *table, r row, e string) string {
	switch strings.ReplaceAll(e, "-", "_") {
	case "", "auto":
		return EncodingAuto
	case "utf_8", "utf8", "utf_8_bom":
		return EncodingUTF8
	case "shift_jis", "sjis", "cp932", "windows_31j", "ms932":
		return EncodingShiftJIS
	}
	c.add(t.file, r.line, "encoding", "文字コードは空欄・auto・utf-8・shift_jis のいずれかです: %q", e)
	return EncodingAuto
}

func requireText(c *collector, t *table, r row, cols ...string) {
	for _, col := range cols {
		if t.get(r, col) == "" {
			c.add(t.file, r.line, col, "空欄です")
		}
	}
}

func readQuestions(ctx context.Context, ds *Dataset) error {
	t, err := readTable(ctx, ds.Dir, QuestionsFile, EncodingAuto, []string{"survey_id", "column", "key", "role", "text"})
	if err != nil {
		return wrapRead(QuestionsFile, err)
	}
	var c collector
	requireRows(&c, t, "設問の行")
	for _, r := range t.rows {
		q := Question{
			SurveyID: t.get(r, "survey_id"), Column: t.get(r, "column"), Key: t.get(r, "key"),
			Role: Role(strings.ToLower(t.get(r, "role"))), Text: t.get(r, "text"), Line: r.line,
		}
		requireText(&c, t, r, "survey_id", "column")
		if !ValidKey(q.Key) {
			c.add(t.file, r.line, "key", "キーは英字で始まる英数字と _ で書いてください: %q", q.Key)
		}
		switch q.Role {
		case RoleID, RoleWeight, RoleAttribute, RoleQuestion:
		default:
			c.add(t.file, r.line, "role", "role は id・weight・attribute・question のいずれかです: %q", q.Role)
		}
		ds.Questions = append(ds.Questions, q)
	}
	return c.err()
}

func readChoices(ctx context.Context, ds *Dataset) error {
	t, err := readTable(ctx, ds.Dir, ChoicesFile, EncodingAuto, []string{"survey_id", "key", "code", "label"})
	if err != nil {
		return wrapRead(ChoicesFile, err)
	}
	var c collector
	requireRows(&c, t, "選択肢の行")
	for _, r := range t.rows {
		ch := Choice{SurveyID: t.get(r, "survey_id"), Key: t.get(r, "key"), Label: t.get(r, "label"), Line: r.line}
		code, err := ParseCode(t.get(r, "code"))
		if err != nil {
			c.add(t.file, r.line, "code", "回答コードは整数です: %q", t.get(r, "code"))
		}
		ch.Code = code
		requireText(&c, t, r, "survey_id", "key")
		ds.Choices = append(ds.Choices, ch)
	}
	return c.err()
}

func readPlans(ctx context.Context, ds *Dataset) error {
	t, err := readOptional(ctx, ds.Dir, PlansFile, []string{"ward", "plan_year", "goal", "mission"})
	if err != nil || t == nil {
		return wrapRead(PlansFile, err)
	}
	var c collector
	for _, r := range t.rows {
		ds.Plans = append(ds.Plans, Plan{
			Ward: t.get(r, "ward"), PlanYear: recentYearField(&c, t, r, "plan_year"),
			Goal: t.get(r, "goal"), Mission: t.get(r, "mission"), Line: r.line,
		})
	}
	return c.err()
}

func readPlanIssues(ctx context.Context, ds *Dataset) error {
	t, err := readOptional(ctx, ds.Dir, PlanIssuesFile, []string{"ward", "plan_year", "issue_no", "title"})
	if err != nil || t == nil {
		return wrapRead(PlanIssuesFile, err)
	}
	var c collector
	for _, r := range t.rows {
		ds.PlanIssues = append(ds.PlanIssues, PlanIssue{
			Ward: t.get(r, "ward"), PlanYear: recentYearField(&c, t, r, "plan_year"),
			IssueNo: intField(&c, t, r, "issue_no"), Title: t.get(r, "title"), Line: r.line,
		})
	}
	return c.err()
}
