// Package across makes the checks of a data folder that span its files
// (references between surveys.csv, questions.csv, choices.csv and
// indicators.csv, duplicates), each over what
// could be read, skipping what a defect found before already explains, so
// that one run of validate reports every defect and none twice; and it
// says which waves' response files can be checked without follow-on noise.
package across

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"maps"
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
	"github.com/shihyo/shihyo/pipeline/input/responses"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// Check runs the checks across files, each over the files it needs
// when they could be read, skipping what the defects found so far explain:
// those of the files (found), then those between the definitions of the
// waves, which the checks of indicators.csv build on.
func Check(ctx context.Context, ds *model.Dataset, found csvfile.Problems) (csvfile.Problems, error) {
	d := newDefects(ds, found)
	var c csvfile.Collector
	if !d.readable(model.SurveysFile) {
		return nil, nil
	}
	dups, err := checkSurveys(ctx, &c, ds, d)
	if err != nil {
		return nil, err
	}
	checkQuestions(&c, ds, dups, d)
	codes.CheckOptionColumns(&c, ds)
	if d.readable(model.QuestionsFile) {
		checkChoices(&c, ds, newDefects(ds, slices.Concat(found, c.Problems)))
		codes.CheckWithBlank(&c, ds)
	}
	if d.readable(model.ChoicesFile) {
		checkLabels(ds)
	}
	if d.readable(model.QuestionsFile, model.ChoicesFile, model.IndicatorsFile) {
		checkIndicators(&c, ds, newDefects(ds, slices.Concat(found, c.Problems)))
	}
	if d.readable(model.IndicatorsFile) {
		checkSeries(&c, ds, newDefects(ds, found))
	}
	return c.Problems, nil
}

// SoundWaves are the waves whose response files can be checked without
// follow-on noise: surveys.csv, questions.csv and choices.csv were read, and
// neither the wave's row of surveys.csv (its id, file or encoding) nor any
// of its rows of questions.csv or choices.csv has a defect (a row whose
// survey_id is unknown counts for the wave it most likely meant, waveOf).
func SoundWaves(ds *model.Dataset, found csvfile.Problems) []model.Survey {
	d := newDefects(ds, found)
	if !d.readable(model.SurveysFile, model.QuestionsFile, model.ChoicesFile) {
		return nil
	}
	bad := map[string]bool{}
	for _, q := range ds.Questions {
		if d.row(model.QuestionsFile, q.Line) {
			bad[waveOf(ds, q.SurveyID)] = true
		}
	}
	for _, ch := range ds.Choices {
		if d.row(model.ChoicesFile, ch.Line) {
			bad[waveOf(ds, ch.SurveyID)] = true
		}
	}
	var out []model.Survey
	for _, s := range ds.Surveys {
		if !bad[s.ID] && !d.row(model.SurveysFile, s.Line, "survey_id", "file", "encoding") {
			out = append(out, s)
		}
	}
	return out
}

// file is the definition file name as problems name it (a workbook read in
// its place, with its sheet).
func file(ds *model.Dataset, name string) string { return ds.FileOf(name) }

// checkSurveys reports a wave that another row of surveys.csv already
// defines: the same survey_id (ignoring case), the same response file, or
// the same ward, population and 年度. Each would be loaded as a second wave
// of one year and change 前年度実績, the change flag and the projection.
// It returns the lines of rows whose survey_id repeats another's, which
// the later checks skip. A row's file and 年度 are compared only when
// they were read without a defect (d).
func checkSurveys(ctx context.Context, c *csvfile.Collector, ds *model.Dataset, d *defects) (map[int]bool, error) {
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
		if err := checkWaveFile(ctx, c, ds, d, s, files); err != nil {
			return nil, err
		}
		if d.row(model.SurveysFile, s.Line, "ward", "population", "fiscal_year") {
			continue
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

// checkWaveFile reports a wave's response file that is missing or is
// another wave's too; a file column with a defect already is skipped.
func checkWaveFile(ctx context.Context, c *csvfile.Collector, ds *model.Dataset, d *defects, s model.Survey, files map[string]model.Survey) error {
	if d.row(model.SurveysFile, s.Line, "file") {
		return nil
	}
	file := file(ds, model.SurveysFile)
	// The reader's own check (datafile.Check): a file refused for any
	// other reason was reported by checkResponseFiles, which runs first.
	if err := datafile.Check(ctx, ds.Dir, filepath.FromSlash(s.File)); errors.Is(err, fs.ErrNotExist) {
		c.Add(file, s.Line, "file", "%s", responses.Missing(s.File))
	} else if err != nil && !refusedFile(err) {
		return err
	}
	if first, dup := files[sameFileKey(s.File)]; dup {
		c.Add(file, s.Line, "file", "回答ファイル %q は %d 行目の調査 %s のファイル %q と同じです (1 つのファイルは 1 つの調査にだけ使えます。./ や大文字・小文字の違いも同じファイルとみなします)",
			s.File, first.Line, first.ID, first.File)
	} else {
		files[sameFileKey(s.File)] = s
	}
	return nil
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
// Rows with a defect in a column a check reads are skipped by that check
// (d), and so is a check that needs a file that gave no row.
func checkQuestions(c *csvfile.Collector, ds *model.Dataset, skip map[int]bool, d *defects) {
	known := ds.SurveyIDs()
	type waveKey struct{ survey, name string }
	columns, keys := map[waveKey]int{}, map[waveKey]int{}
	roles := map[string]map[model.Role][]int{}
	badRole := map[string]bool{}
	for _, q := range ds.Questions {
		bad := func(cols ...string) bool { return d.row(model.QuestionsFile, q.Line, cols...) }
		if !known[q.SurveyID] {
			if !bad("survey_id") {
				c.Add(file(ds, model.QuestionsFile), q.Line, "survey_id", "surveys.csv にない survey_id %q%s", q.SurveyID, suggestion(q.SurveyID, surveyIDs(ds)))
			}
			continue
		}
		// Columns are found by csvfile.ColumnKey: 問３ and 問3 are one.
		column := waveKey{q.SurveyID, csvfile.ColumnKey(q.Column)}
		if first, dup := columns[column]; dup && !bad("column") {
			c.Add(file(ds, model.QuestionsFile), q.Line, "column", "列 %q は %d 行目にもあります", q.Column, first)
		}
		// A blank key (of an id or weight row) is no key; the rows of a
		// 複数回答 per option share theirs (codes.CheckOptionColumns).
		if first, dup := keys[waveKey{q.SurveyID, q.Key}]; dup && q.Key != "" && !q.PerOption && !bad("key") {
			c.Add(file(ds, model.QuestionsFile), q.Line, "key", "キー %q は %d 行目にもあります", q.Key, first)
		}
		columns[column] = q.Line
		if !q.PerOption {
			keys[waveKey{q.SurveyID, q.Key}] = q.Line
		}
		if roles[q.SurveyID] == nil {
			roles[q.SurveyID] = map[model.Role][]int{}
		}
		roles[q.SurveyID][q.Role] = append(roles[q.SurveyID][q.Role], q.Line)
		badRole[q.SurveyID] = badRole[q.SurveyID] || bad("role")
		if codes.HasChoices(q) && !q.PerOption && !bad("key") && d.readable(model.ChoicesFile) && !choicesInDoubt(ds, d, q.SurveyID) &&
			len(ds.ChoicesOf(q.SurveyID, q.Key)) == 0 {
			c.Add(file(ds, model.QuestionsFile), q.Line, "key", "choices.csv に %s の %q の選択肢がありません", q.SurveyID, q.Key)
		}
	}
	if !d.readable(model.QuestionsFile) {
		return // every wave would lack its id column
	}
	for _, s := range ds.Surveys {
		if !skip[s.Line] && !badRole[s.ID] {
			checkRoles(c, ds, s, roles[s.ID])
		}
	}
}

// surveysOf are the waves of a ward and population; nil when none.
func surveysOf(ds *model.Dataset, ward, population string) []model.Survey {
	var out []model.Survey
	for _, s := range ds.Surveys {
		if s.Ward == ward && s.Population == population {
			out = append(out, s)
		}
	}
	return out
}

func surveyIDs(ds *model.Dataset) []string {
	out := make([]string, len(ds.Surveys))
	for i, s := range ds.Surveys {
		out[i] = s.ID
	}
	return out
}

// keysOf are the keys of questions.csv of the waves (all waves when nil),
// of the roles given (all roles when none).
func keysOf(ds *model.Dataset, waves []model.Survey, roles ...model.Role) []string {
	in := map[string]bool{}
	for _, w := range waves {
		in[w.ID] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, q := range ds.Questions {
		if (waves == nil || in[q.SurveyID]) && (len(roles) == 0 || slices.Contains(roles, q.Role)) && !seen[q.Key] {
			seen[q.Key] = true
			out = append(out, q.Key)
		}
	}
	return out
}

// choicesInDoubt reports whether a row of choices.csv of the wave survey
// has a defect (one whose survey_id is unknown counts for the wave it most
// likely meant, waveOf): a check of a code or a key against choices.csv
// would then report its follow-on.
func choicesInDoubt(ds *model.Dataset, d *defects, survey string) bool {
	if d.choiceDoubt == nil {
		d.choiceDoubt = map[string]bool{}
		for _, ch := range ds.Choices {
			if d.row(model.ChoicesFile, ch.Line) {
				d.choiceDoubt[waveOf(ds, ch.SurveyID)] = true
			}
		}
	}
	return d.choiceDoubt[survey]
}

// questionsInDoubt reports whether a row of questions.csv of the wave
// survey (as waveOf reads its survey_id) has a defect in its key, role or
// survey_id.
func questionsInDoubt(ds *model.Dataset, d *defects, survey string) bool {
	if d.questionDoubt == nil {
		d.questionDoubt = map[string]bool{}
		for _, q := range ds.Questions {
			if d.row(model.QuestionsFile, q.Line, "key", "role", "survey_id") {
				d.questionDoubt[waveOf(ds, q.SurveyID)] = true
			}
		}
	}
	return d.questionDoubt[survey]
}

// waveOf is the wave a survey_id of questions.csv or choices.csv names:
// itself when surveys.csv has it, else the one it is a slip for (nearest),
// else "".
func waveOf(ds *model.Dataset, id string) string {
	ids := surveyIDs(ds)
	if slices.Contains(ids, id) {
		return id
	}
	k, _ := nearest(id, ids)
	return k
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

// checkChoices checks choices.csv against questions.csv.
func checkChoices(c *csvfile.Collector, ds *model.Dataset, d *defects) {
	type choiceKey struct {
		survey, key string
		code        int
	}
	seen := map[choiceKey]int{}
	known := ds.SurveyIDs()
	for _, ch := range ds.Choices {
		if d.row(model.ChoicesFile, ch.Line, "survey_id", "key") {
			continue
		}
		q, ok := ds.Question(ch.SurveyID, ch.Key)
		switch {
		case ch.SurveyID == "": // a row shared by every wave with the key
			if !codes.SharedKeyUsed(c, ds, ch) {
				continue
			}
		case !known[ch.SurveyID]:
			c.Add(file(ds, model.ChoicesFile), ch.Line, "survey_id", "surveys.csv にない survey_id %q%s", ch.SurveyID, suggestion(ch.SurveyID, surveyIDs(ds)))
			continue
		case ok && d.row(model.QuestionsFile, q.Line, "role"), !ok && questionsInDoubt(ds, d, ch.SurveyID):
			continue // the question's own defect explains it
		case !ok || !codes.HasChoices(q):
			keys := keysOf(ds, []model.Survey{{ID: ch.SurveyID}}, model.RoleQuestion, model.RoleAttribute)
			c.Add(file(ds, model.ChoicesFile), ch.Line, "key", "questions.csv に %s の設問・属性 %q がありません%s", ch.SurveyID, ch.Key, suggestion(ch.Key, keys))
			continue
		}
		k := choiceKey{ch.SurveyID, ch.Key, ch.Code}
		if first, dup := seen[k]; dup && !d.row(model.ChoicesFile, ch.Line, "code") {
			c.Add(file(ds, model.ChoicesFile), ch.Line, "code", "コード %d は %d 行目にもあります", ch.Code, first)
		}
		seen[k] = ch.Line
	}
}

// checkIndicators checks indicators.csv against the waves: duplicates,
// unknown questions, codes and filter keys, each over what was read
// without a defect (d).
func checkIndicators(c *csvfile.Collector, ds *model.Dataset, d *defects) {
	type id struct {
		ward            string
		plan, issue, no int
	}
	seen := map[id]int{}
	file := file(ds, model.IndicatorsFile)
	for _, in := range ds.Indicators {
		bad := func(cols ...string) bool { return d.row(model.IndicatorsFile, in.Line, cols...) }
		k := id{in.Ward, in.PlanYear, in.IssueNo, in.IndicatorNo}
		if first, dup := seen[k]; dup && !bad("ward", "plan_year", "issue_no", "indicator_no") {
			c.Add(file, in.Line, "", "同じ指標 (区・年度・経営課題・番号) が %d 行目にもあります", first)
		}
		seen[k] = in.Line
		if bad("ward", "population", "question_key") || wavesInDoubt(ds, d, in) || codes.RefuseMulti(c, ds, in) {
			continue
		}
		waves := ds.Waves(in)
		if len(waves) == 0 {
			c.Add(file, in.Line, "question_key", "%s の %s の調査に設問 %q がありません%s", in.Ward, in.Population, in.QuestionKey,
				suggestion(in.QuestionKey, keysOf(ds, surveysOf(ds, in.Ward, in.Population), model.RoleQuestion)))
			continue
		}
		if !bad("target_year", "plan_year") {
			checkTargetYear(ds, in, waves)
		}
		checkIndicatorCodes(c, ds, d, in, waves)
	}
}

// wavesInDoubt reports whether the waves an indicator is measured in may
// be missing from what was read: a row of surveys.csv whose ward or
// population could not be read, or a defect in the key or role of a
// question of the indicator's ward and population.
func wavesInDoubt(ds *model.Dataset, d *defects, in model.Indicator) bool {
	if d.column(model.SurveysFile, "ward", "population", "survey_id") {
		return true
	}
	for _, w := range surveysOf(ds, in.Ward, in.Population) {
		if questionsInDoubt(ds, d, w.ID) {
			return true
		}
	}
	return false
}

// checkIndicatorCodes checks the codes and the filter of in against the
// choices of its waves.
func checkIndicatorCodes(c *csvfile.Collector, ds *model.Dataset, d *defects, in model.Indicator, waves []model.Survey) {
	for _, w := range waves {
		if choicesInDoubt(ds, d, w.ID) {
			return
		}
	}
	if !d.row(model.IndicatorsFile, in.Line, "positive_codes") {
		checkCodes(c, ds, in, waves, in.QuestionKey, "positive_codes", in.PositiveCodes)
	}
	if !d.row(model.IndicatorsFile, in.Line, "excluded_codes") {
		checkCodes(c, ds, in, waves, in.QuestionKey, "excluded_codes", in.ExcludedCodes)
	}
	if d.row(model.IndicatorsFile, in.Line, "filter") {
		return
	}
	for _, cl := range in.Filter {
		checkFilterClause(c, ds, in, waves, cl)
		if cl.Key == in.QuestionKey {
			warnOwnQuestion(ds, in)
		}
	}
}

// warnOwnQuestion warns of a filter on the indicator's own question: the
// percent is the one excluded_codes gives, but the disclosure decisions
// then see the question twice (the answer counted, and a group of
// residents), and hide more numbers than they need to.
func warnOwnQuestion(ds *model.Dataset, in model.Indicator) {
	ds.Warn(file(ds, model.IndicatorsFile), in.Line, "filter",
		"絞り込みに、この指標が数える設問 %q そのものを使っています。分母から外したい回答は excluded_codes に書けます (絞り込みのままでは、少人数の集団を守るために公表を控える数値が必要以上に増えることがあります)",
		in.QuestionKey)
}

// checkTargetYear warns when an indicator's target falls before its first
// wave: the target's own year can then have no actual, and the 年度 is
// likely a typo or the waves are filed under another population.
func checkTargetYear(ds *model.Dataset, in model.Indicator, waves []model.Survey) {
	first := slices.MinFunc(waves, func(a, b model.Survey) int { return cmp.Compare(a.FiscalYear, b.FiscalYear) })
	if in.TargetYear < first.FiscalYear {
		ds.Warn(file(ds, model.IndicatorsFile), in.Line, "target_year", "目標の年度%s (%d) は、この指標の最初の調査 %s (%s) より前です (目標の年度の実績はありません)",
			wareki.Label(in.TargetYear), in.TargetYear, first.ID, wareki.Label(first.FiscalYear))
	}
}

// checkCodes checks the codes list of in (col) on key against the choices
// of its waves: each must be a choice of some wave, an answer in each
// wave that has it (codes.CheckNotAnswer), and then the same choice in
// each (checkEachWave). It reports the waves refused by checkEachWave.
func checkCodes(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, key, col string, list []int) map[string]bool {
	refused := map[string]bool{}
	for _, code := range list {
		if !ds.AnyChoice(waves, key, code) {
			c.Add(file(ds, model.IndicatorsFile), in.Line, col, "コード %d は設問 %q の選択肢にありません", code, key)
			continue
		}
		if !codes.CheckNotAnswer(c, ds, in, waves, key, col, code) {
			maps.Copy(refused, checkEachWave(c, ds, in, waves, key, col, code))
		}
	}
	return refused
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
		c.Add(file(ds, model.IndicatorsFile), in.Line, "filter", "絞り込みのキー %q は %s の %s の調査にありません%s", cl.Key, in.Ward, in.Population,
			suggestion(cl.Key, keysOf(ds, waves, model.RoleAttribute, model.RoleQuestion)))
	case len(missing) > 0:
		c.Add(file(ds, model.IndicatorsFile), in.Line, "filter", "絞り込みのキー %q が調査 %s の questions.csv にありません (その年度の実績が出せません)",
			cl.Key, strings.Join(missing, "、"))
		fallthrough
	default:
		checkFilterCodes(c, ds, in, waves, cl, checkCodes(c, ds, in, waves, cl.Key, "filter", cl.Codes))
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
		key    string // labelKey of the choice's label
	}
	// Waves repeat the same few hundred labels: each is folded once.
	keys := map[string]string{}
	keyOf := func(label string) string {
		k, ok := keys[label]
		if !ok {
			k = labelKey(label)
			keys[label] = k
		}
		return k
	}
	byWave := codes.ByWave(ds)
	last := map[seriesCode]seen{}
	for _, w := range byYear(ds.Surveys) {
		for _, ch := range byWave[w.ID] {
			lk := keyOf(ch.Label)
			if lk == "" {
				continue // a label left blank is unknown, not different
			}
			k := seriesCode{w.Ward, w.Population, ch.Key, ch.Code}
			if prev, ok := last[k]; ok && prev.key != lk {
				ds.Warn(file(ds, model.ChoicesFile), ch.Line, "label",
					"%q のコード %d の選択肢が %s (%s、%d 行目) の「%s」から、%s (%s) では「%s」に変わっています (尺度が逆になっていないか確かめてください)",
					ch.Key, ch.Code, prev.wave.ID, wareki.Label(prev.wave.FiscalYear), prev.choice.Line, prev.choice.Label,
					w.ID, wareki.Label(w.FiscalYear), ch.Label)
			}
			last[k] = seen{w, ch, lk}
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
