package input

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/codes"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// checkWaves finds the defects that span surveys.csv, questions.csv and
// choices.csv: references between them and duplicates. It runs only when
// those three files were read cleanly, and adds its warnings to ds.
func checkWaves(ctx context.Context, ds *model.Dataset) (Problems, error) {
	var c csvfile.Collector
	dups, err := checkSurveys(ctx, &c, ds)
	if err != nil {
		return nil, err
	}
	checkQuestions(&c, ds, dups)
	codes.CheckOptionColumns(&c, ds)
	checkChoices(&c, ds)
	checkLabels(ds)
	return c.Problems, nil
}

// checkIndicatorRefs finds the defects of indicators.csv that need the
// other files: duplicates, unknown questions, codes and filter keys. It
// runs only when every definition file was read cleanly, and adds its
// warnings to ds.
func checkIndicatorRefs(ds *model.Dataset) Problems {
	var c csvfile.Collector
	checkIndicators(&c, ds)
	return c.Problems
}

// file is the definition file name as problems name it (a workbook read in
// its place, with its sheet).
func file(ds *model.Dataset, name string) string { return ds.FileOf(name) }

// checkSurveys reports a wave that another row of surveys.csv already
// defines: the same survey_id (ignoring case), the same response file, or
// the same ward, population and 年度. Each would be loaded as a second wave
// of one year and change 前年度実績, the change flag and the projection.
// It returns the lines of rows whose survey_id repeats another's, which
// the later checks skip.
func checkSurveys(ctx context.Context, c *csvfile.Collector, ds *model.Dataset) (map[int]bool, error) {
	type series struct {
		ward, population string
		year             int
	}
	ids, files, years := map[string]model.Survey{}, map[string]model.Survey{}, map[series]model.Survey{}
	dups := map[int]bool{}
	file := file(ds, model.SurveysFile)
	for _, s := range ds.Surveys {
		if first, dup := ids[strings.ToLower(s.ID)]; dup {
			c.Add(file, s.Line, "survey_id", "survey_id %q が重複しています (%d 行目の %q と同じ。大文字・小文字の違いも同じ ID とみなします)", s.ID, first.Line, first.ID)
			dups[s.Line] = true
			continue
		}
		ids[strings.ToLower(s.ID)] = s
		// The reader's own check (datafile.Check): a file refused for any
		// other reason was reported by checkResponseFiles, which runs first.
		if err := datafile.Check(ctx, ds.Dir, filepath.FromSlash(s.File)); errors.Is(err, fs.ErrNotExist) {
			c.Add(file, s.Line, "file", "回答ファイル %q がありません", s.File)
		} else if err != nil && !refusedFile(err) {
			return nil, err
		}
		if first, dup := files[sameFileKey(s.File)]; dup {
			c.Add(file, s.Line, "file", "回答ファイル %q は %d 行目の調査 %s のファイル %q と同じです (1 つのファイルは 1 つの調査にだけ使えます。./ や大文字・小文字の違いも同じファイルとみなします)",
				s.File, first.Line, first.ID, first.File)
		} else {
			files[sameFileKey(s.File)] = s
		}
		k := series{s.Ward, s.Population, s.FiscalYear}
		if first, dup := years[k]; dup {
			c.Add(file, s.Line, "fiscal_year", "%s・%s・%s (%d) の調査は %d 行目 (%s) にもあります (同じ区・対象・年度の調査は 1 つだけです)",
				s.Ward, s.Population, wareki.Label(s.FiscalYear), s.FiscalYear, first.Line, first.ID)
		} else {
			years[k] = s
		}
	}
	return dups, nil
}

// refusedFile reports whether err is datafile's refusal of a file rather
// than a failure to look at it.
func refusedFile(err error) bool {
	var fe *datafile.FileError
	return errors.As(err, &fe)
}

// sameFileKey is what two response paths are compared by: cleaned, and in
// lower case because staff keep the data folder on Windows shares, where
// W2020.csv and w2020.csv are one file.
func sameFileKey(p string) string {
	return strings.ToLower(path.Clean(filepath.ToSlash(p)))
}

// checkQuestions checks questions.csv against surveys.csv; the waves on
// the lines of skip (repeated survey_ids) are not checked for their roles.
func checkQuestions(c *csvfile.Collector, ds *model.Dataset, skip map[int]bool) {
	known := ds.SurveyIDs()
	type waveKey struct{ survey, name string }
	columns, keys := map[waveKey]int{}, map[waveKey]int{}
	roles := map[string]map[model.Role][]int{}
	for _, q := range ds.Questions {
		if !known[q.SurveyID] {
			c.Add(file(ds, model.QuestionsFile), q.Line, "survey_id", "surveys.csv にない survey_id %q", q.SurveyID)
			continue
		}
		if first, dup := columns[waveKey{q.SurveyID, q.Column}]; dup {
			c.Add(file(ds, model.QuestionsFile), q.Line, "column", "列 %q は %d 行目にもあります", q.Column, first)
		}
		// A blank key (of an id or weight row) is no key; the rows of a
		// 複数回答 per option share theirs (checkOptionColumns).
		if first, dup := keys[waveKey{q.SurveyID, q.Key}]; dup && q.Key != "" && !q.PerOption {
			c.Add(file(ds, model.QuestionsFile), q.Line, "key", "キー %q は %d 行目にもあります", q.Key, first)
		}
		columns[waveKey{q.SurveyID, q.Column}] = q.Line
		if !q.PerOption {
			keys[waveKey{q.SurveyID, q.Key}] = q.Line
		}
		if roles[q.SurveyID] == nil {
			roles[q.SurveyID] = map[model.Role][]int{}
		}
		roles[q.SurveyID][q.Role] = append(roles[q.SurveyID][q.Role], q.Line)
		if codes.HasChoices(q) && !q.PerOption && len(ds.ChoicesOf(q.SurveyID, q.Key)) == 0 {
			c.Add(file(ds, model.QuestionsFile), q.Line, "key", "choices.csv に %s の %q の選択肢がありません", q.SurveyID, q.Key)
		}
	}
	for _, s := range ds.Surveys {
		if !skip[s.Line] {
			checkRoles(c, ds, s, roles[s.ID])
		}
	}
}

// checkRoles reports a wave without exactly one id column or with more than
// one weight column: at the second such row of questions.csv, or, when the
// wave has no id row at all, at the wave's row of surveys.csv.
func checkRoles(c *csvfile.Collector, ds *model.Dataset, s model.Survey, lines map[model.Role][]int) {
	ids, weights := lines[model.RoleID], lines[model.RoleWeight]
	switch {
	case len(ids) == 0:
		c.Add(file(ds, model.SurveysFile), s.Line, "survey_id", "questions.csv に %s の role=id (回答者番号) の行がありません", s.ID)
	case len(ids) > 1:
		c.Add(file(ds, model.QuestionsFile), ids[1], "role", "%s の role=id は 1 行だけです (%d 行目にもあります)", s.ID, ids[0])
	}
	if len(weights) > 1 {
		c.Add(file(ds, model.QuestionsFile), weights[1], "role", "%s の role=weight は 1 行までです (%d 行目にもあります)", s.ID, weights[0])
	}
}

func checkChoices(c *csvfile.Collector, ds *model.Dataset) {
	type choiceKey struct {
		survey, key string
		code        int
	}
	seen := map[choiceKey]int{}
	for _, ch := range ds.Choices {
		if ch.SurveyID == "" && !codes.SharedKeyUsed(c, ds, ch) {
			continue
		}
		q, ok := ds.Question(ch.SurveyID, ch.Key)
		if ch.SurveyID != "" && (!ok || !codes.HasChoices(q)) {
			c.Add(file(ds, model.ChoicesFile), ch.Line, "key", "questions.csv に %s の設問・属性 %q がありません", ch.SurveyID, ch.Key)
			continue
		}
		k := choiceKey{ch.SurveyID, ch.Key, ch.Code}
		if first, dup := seen[k]; dup {
			c.Add(file(ds, model.ChoicesFile), ch.Line, "code", "コード %d は %d 行目にもあります", ch.Code, first)
		}
		seen[k] = ch.Line
	}
}

func checkIndicators(c *csvfile.Collector, ds *model.Dataset) {
	type id struct {
		ward            string
		plan, issue, no int
	}
	seen := map[id]int{}
	file := file(ds, model.IndicatorsFile)
	for _, in := range ds.Indicators {
		k := id{in.Ward, in.PlanYear, in.IssueNo, in.IndicatorNo}
		if first, dup := seen[k]; dup {
			c.Add(file, in.Line, "", "同じ指標 (区・年度・経営課題・番号) が %d 行目にもあります", first)
		}
		seen[k] = in.Line
		if codes.RefuseMulti(c, ds, in) {
			continue
		}
		waves := ds.Waves(in)
		if len(waves) == 0 {
			c.Add(file, in.Line, "question_key", "%s の %s の調査に設問 %q がありません", in.Ward, in.Population, in.QuestionKey)
			continue
		}
		checkTargetYear(ds, in, waves)
		checkCodes(c, ds, in, waves, in.QuestionKey, "positive_codes", in.PositiveCodes)
		checkCodes(c, ds, in, waves, in.QuestionKey, "excluded_codes", in.ExcludedCodes)
		for _, cl := range in.Filter {
			checkFilterClause(c, ds, in, waves, cl)
		}
	}
}

// checkTargetYear warns when an indicator's target falls before its first
// wave: the target's own year can then have no actual, and the 年度 is
// likely a typo or the waves are filed under another population.
func checkTargetYear(ds *model.Dataset, in model.Indicator, waves []model.Survey) {
	first := slices.MinFunc(waves, func(a, b model.Survey) int { return cmp.Compare(a.FiscalYear, b.FiscalYear) })
	if in.TargetYear < first.FiscalYear {
		warn(ds, file(ds, model.IndicatorsFile), in.Line, "target_year", "目標の年度%s (%d) は、この指標の最初の調査 %s (%s) より前です (目標の年度の実績はありません)",
			wareki.Label(in.TargetYear), in.TargetYear, first.ID, wareki.Label(first.FiscalYear))
	}
}

func checkCodes(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, key, col string, list []int) {
	for _, code := range list {
		if !ds.AnyChoice(waves, key, code) {
			c.Add(file(ds, model.IndicatorsFile), in.Line, col, "コード %d は設問 %q の選択肢にありません", code, key)
		} else {
			codes.CheckNotAnswer(c, ds, in, waves, key, col, code)
		}
	}
}

// checkFilterClause checks that every wave measuring in asks the clause's
// key: a wave without it would match nobody, and that year's actual would
// silently go missing.
func checkFilterClause(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, cl model.Clause) {
	if codes.RefuseMultiFilter(c, ds, in, waves, cl) {
		return
	}
	var missing []string
	for _, w := range waves {
		if _, ok := ds.Question(w.ID, cl.Key); !ok {
			missing = append(missing, w.ID)
		}
	}
	switch {
	case len(missing) == len(waves):
		c.Add(file(ds, model.IndicatorsFile), in.Line, "filter", "絞り込みのキー %q は %s の %s の調査にありません", cl.Key, in.Ward, in.Population)
	case len(missing) > 0:
		c.Add(file(ds, model.IndicatorsFile), in.Line, "filter", "絞り込みのキー %q が調査 %s の questions.csv にありません (その年度の実績が出せません)",
			cl.Key, strings.Join(missing, "、"))
		checkCodes(c, ds, in, waves, cl.Key, "filter", cl.Codes)
	default:
		checkCodes(c, ds, in, waves, cl.Key, "filter", cl.Codes)
	}
}

// checkLabels warns when an answer code's label differs between two waves
// of one series (same ward, population and key): a scale reversed in one
// wave (1 = そう思わない) would count the wrong answers as positive, and
// nothing else would show it. Each wave is compared with the nearest
// earlier wave that has the code, so a label changed once is reported once
// and a single odd wave is reported where it starts and where it ends.
// Labels are compared after folding 全角/半角 and dropping spaces; a blank
// label is compared with nothing.
func checkLabels(ds *model.Dataset) {
	type seriesCode struct {
		ward, population, key string
		code                  int
	}
	type seen struct {
		wave   model.Survey
		choice model.Choice
	}
	byWave := codes.ByWave(ds)
	last := map[seriesCode]seen{}
	for _, w := range byYear(ds.Surveys) {
		for _, ch := range byWave[w.ID] {
			if labelKey(ch.Label) == "" {
				continue // a label left blank is unknown, not different
			}
			k := seriesCode{w.Ward, w.Population, ch.Key, ch.Code}
			if prev, ok := last[k]; ok && labelKey(prev.choice.Label) != labelKey(ch.Label) {
				warn(ds, file(ds, model.ChoicesFile), ch.Line, "label",
					"%q のコード %d の選択肢が %s (%s、%d 行目) の「%s」から、%s (%s) では「%s」に変わっています (尺度が逆になっていないか確かめてください)",
					ch.Key, ch.Code, prev.wave.ID, wareki.Label(prev.wave.FiscalYear), prev.choice.Line, prev.choice.Label,
					w.ID, wareki.Label(w.FiscalYear), ch.Label)
			}
			last[k] = seen{w, ch}
		}
	}
}

// byYear returns the waves in 年度 order, waves of one year in file order.
func byYear(surveys []model.Survey) []model.Survey {
	out := slices.Clone(surveys)
	slices.SortStableFunc(out, func(a, b model.Survey) int { return cmp.Compare(a.FiscalYear, b.FiscalYear) })
	return out
}

// labelVariants maps characters that the same label takes in files saved by
// different programs (CP932 has 〜 as ～, − as －) to one form, after
// width.Fold.
var labelVariants = strings.NewReplacer("〜", "~", "−", "-", "—", "―", "‖", "∥")

// labelKey is what two choice labels are compared by: 全角 and 半角 folded,
// the variants above unified and all spaces dropped, so that only a
// different wording counts.
func labelKey(label string) string {
	s := labelVariants.Replace(cell.FoldWidth(label))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
