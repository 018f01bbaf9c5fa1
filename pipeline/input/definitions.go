package input

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/field"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

var surveyIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func readSurveys(ctx context.Context, ds *model.Dataset) error {
	t, err := csvfile.Read(ctx, ds.Dir, model.SurveysFile, csvfile.EncodingAuto,
		[]string{"survey_id", "ward", "fiscal_year", "population", "file", "encoding"})
	if err != nil {
		return csvfile.WrapRead(model.SurveysFile, err)
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "調査 (wave) の行")
	for _, r := range t.Rows {
		s := model.Survey{
			ID: t.Get(r, "survey_id"), Ward: t.Get(r, "ward"), Population: t.Get(r, "population"),
			File: t.Get(r, "file"), Encoding: strings.ToLower(t.Get(r, "encoding")), Line: r.Line,
		}
		if !surveyIDRe.MatchString(s.ID) {
			c.Add(t.File, r.Line, "survey_id", "survey_id は英数字と - _ で書いてください: %q", s.ID)
		}
		s.FiscalYear = field.RecentYear(&c, t, r, "fiscal_year")
		field.RequireText(&c, t, r, "ward", "population", "file")
		s.Encoding = normaliseEncoding(&c, t, r, s.Encoding)
		if t.Get(r, "mailed") != "" {
			s.Mailed = field.Int(&c, t, r, "mailed")
		}
		if s.File != "" && !localPath(s.File) {
			c.Add(t.File, r.Line, "file", "データフォルダの中の相対パスにしてください: %q", s.File)
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
	t, err := csvfile.Read(ctx, ds.Dir, model.QuestionsFile, csvfile.EncodingAuto, []string{"survey_id", "column", "key", "role", "text"})
	if err != nil {
		return csvfile.WrapRead(model.QuestionsFile, err)
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "設問の行")
	for _, r := range t.Rows {
		q := model.Question{
			SurveyID: t.Get(r, "survey_id"), Column: t.Get(r, "column"), Key: t.Get(r, "key"),
			Role: model.Role(strings.ToLower(t.Get(r, "role"))), Text: t.Get(r, "text"), Line: r.Line,
		}
		field.RequireText(&c, t, r, "survey_id", "column")
		if !ValidKey(q.Key) {
			c.Add(t.File, r.Line, "key", "キーは英字で始まる英数字と _ で書いてください: %q", q.Key)
		}
		switch q.Role {
		case model.RoleID, model.RoleWeight, model.RoleAttribute, model.RoleQuestion:
		default:
			c.Add(t.File, r.Line, "role", "role は id・weight・attribute・question のいずれかです: %q", q.Role)
		}
		ds.Questions = append(ds.Questions, q)
	}
	return c.Err()
}

func readChoices(ctx context.Context, ds *model.Dataset) error {
	t, err := csvfile.Read(ctx, ds.Dir, model.ChoicesFile, csvfile.EncodingAuto, []string{"survey_id", "key", "code", "label"})
	if err != nil {
		return csvfile.WrapRead(model.ChoicesFile, err)
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "選択肢の行")
	for _, r := range t.Rows {
		ch := model.Choice{SurveyID: t.Get(r, "survey_id"), Key: t.Get(r, "key"), Label: t.Get(r, "label"), Line: r.Line}
		code, err := cell.ParseCode(t.Get(r, "code"))
		switch {
		case errors.Is(err, cell.ErrNegativeCode):
			c.Add(t.File, r.Line, "code", "回答コードが負の数です: %q (コードは 0 以上の整数です。無回答は選択肢に書かず、回答を空欄にしてください)", t.Get(r, "code"))
		case err != nil:
			c.Add(t.File, r.Line, "code", "回答コードは整数です: %q", t.Get(r, "code"))
		}
		ch.Code = code
		field.RequireText(&c, t, r, "survey_id", "key")
		ds.Choices = append(ds.Choices, ch)
	}
	return c.Err()
}

func readPlans(ctx context.Context, ds *model.Dataset) error {
	t, err := readOptional(ctx, ds.Dir, model.PlansFile, []string{"ward", "plan_year", "goal", "mission"})
	if err != nil || t == nil {
		return csvfile.WrapRead(model.PlansFile, err)
	}
	var c csvfile.Collector
	for _, r := range t.Rows {
		ds.Plans = append(ds.Plans, model.Plan{
			Ward: t.Get(r, "ward"), PlanYear: field.RecentYear(&c, t, r, "plan_year"),
			Goal: t.Get(r, "goal"), Mission: t.Get(r, "mission"), Line: r.Line,
		})
	}
	return c.Err()
}

func readPlanIssues(ctx context.Context, ds *model.Dataset) error {
	t, err := readOptional(ctx, ds.Dir, model.PlanIssuesFile, []string{"ward", "plan_year", "issue_no", "title"})
	if err != nil || t == nil {
		return csvfile.WrapRead(model.PlanIssuesFile, err)
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
