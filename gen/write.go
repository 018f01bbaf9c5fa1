package gen

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/shihyo/shihyo/internal/fsatomic"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// bom is the byte order mark Excel puts in front of "CSV UTF-8" files.
const bom = "\uFEFF"

// writeCSV writes a CSV file in the given format; fill writes the records.
func writeCSV(path string, f format, fill func(*csv.Writer) error) error {
	return fsatomic.Write(path, func(w io.Writer) error {
		var enc io.WriteCloser
		switch f {
		case excelUTF8:
			if _, err := io.WriteString(w, bom); err != nil {
				return err
			}
		case excelCP932:
			enc = transform.NewWriter(w, japanese.ShiftJIS.NewEncoder())
			w = enc
		}
		cw := csv.NewWriter(w)
		cw.UseCRLF = f != plainUTF8
		if err := fill(cw); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if enc != nil {
			return enc.Close()
		}
		return nil
	})
}

// writeSurveys writes surveys.csv.
func writeSurveys(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		if err := cw.Write([]string{"survey_id", "ward", "fiscal_year", "population", "file", "encoding", "mailed", "sheet"}); err != nil {
			return err
		}
		for _, w := range d.waves {
			rec := []string{w.id, w.ward, w.yearText, w.population, w.file(), w.encoding, strconv.Itoa(w.mailed), w.sheet}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeQuestions writes questions.csv: every listed column of every wave.
func writeQuestions(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		if err := cw.Write([]string{"survey_id", "column", "key", "role", "text"}); err != nil {
			return err
		}
		for _, w := range d.waves {
			for _, c := range w.columns {
				if err := cw.Write([]string{w.id, c.header, c.key, string(c.role), c.text}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// writeChoices writes choices.csv: the codes of every attribute and
// question of every wave.
func writeChoices(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		if err := cw.Write([]string{"survey_id", "key", "code", "label", "kind"}); err != nil {
			return err
		}
		for _, w := range d.waves {
			for _, c := range w.columns {
				for _, ch := range columnChoices(c) {
					if err := cw.Write([]string{w.id, c.key, strconv.Itoa(ch.code), ch.label, kindOf(c, ch.code)}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// columnChoices returns the codes of an attribute or question column.
func columnChoices(c column) []choice {
	switch {
	case c.attr != nil:
		return c.attr.choices
	case c.topic != nil && c.topic.options != nil:
		return c.topic.options
	case c.topic != nil:
		return c.topic.scale.choices()
	}
	return nil
}

// kindOf is the kind column of a code of a column: missing for the
// vendor's 無回答 code, with_blank for the attribute code whose breakdown
// row holds 無回答, blank (an answer) for the others.
func kindOf(c column, code int) string {
	if c.topic != nil && c.topic.missing != 0 && c.topic.missing == code {
		return "missing"
	}
	if c.attr != nil && c.attr.withBlank != 0 && c.attr.withBlank == code {
		return "with_blank"
	}
	return ""
}

// writeIndicators writes indicators.csv.
func writeIndicators(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		head := []string{"ward", "plan_year", "issue_no", "indicator_no", "title", "population", "question_key",
			"positive_codes", "excluded_codes", "filter", "target_percent", "target_op", "target_year", "source_text"}
		if err := cw.Write(head); err != nil {
			return err
		}
		for _, t := range d.topics {
			if err := cw.Write(indicatorRecord(t)); err != nil {
				return err
			}
		}
		return nil
	})
}

// indicatorRecord is the indicators.csv row of a topic.
func indicatorRecord(t *topic) []string {
	in := t.ind
	excluded, filter := "", ""
	if in.excludeDK {
		excluded = strconv.Itoa(dkCode)
	}
	if in.filterKey != "" {
		filter = fmt.Sprintf("%s=%d", in.filterKey, in.filterCode)
	}
	positive := "1;2"
	if t.positive != "" {
		positive = t.positive
	}
	return []string{in.ward, in.planYear, strconv.Itoa(in.issueNo), strconv.Itoa(in.no), in.title, in.population,
		t.key, positive, excluded, filter, strconv.Itoa(in.target), "以上", in.targetYear, in.source}
}

// writePlans writes plans.csv.
func writePlans(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		if err := cw.Write([]string{"ward", "plan_year", "goal", "mission"}); err != nil {
			return err
		}
		for _, p := range d.plans {
			if err := cw.Write([]string{p.ward, p.planYear, p.goal, p.mission}); err != nil {
				return err
			}
		}
		return nil
	})
}

// writePlanIssues writes plan_issues.csv.
func writePlanIssues(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		if err := cw.Write([]string{"ward", "plan_year", "issue_no", "title"}); err != nil {
			return err
		}
		for _, p := range d.plans {
			for i, title := range p.issues {
				if err := cw.Write([]string{p.ward, p.planYear, strconv.Itoa(i + 1), title}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// writePlanActions writes plan_actions.csv as plan extract does, with its
// review column (empty: the 共通様式's amounts need no note).
func writePlanActions(path string, d *dataset) error {
	return writeCSV(path, excelUTF8, func(cw *csv.Writer) error {
		head := []string{"ward", "plan_year", "issue_no", "strategy_no", "action_no", "title",
			"budget_thousand_yen", "budget_kind", "fiscal_year", "review"}
		if err := cw.Write(head); err != nil {
			return err
		}
		for _, p := range d.plans {
			for _, b := range p.budgets {
				rec := []string{p.ward, p.planYear, strconv.Itoa(b.issueNo), "", "", p.issues[b.issueNo-1],
					strconv.Itoa(b.thousand), b.kind, b.fiscalYear, ""}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// codeText holds the text of the codes 0–99; 0 is the blank cell.
var codeText = func() [100]string {
	var t [100]string
	for i := 1; i < len(t); i++ {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

// writeResponses writes a wave's response file, one row per respondent,
// reusing one record slice.
func writeResponses(path string, w *wave, r *responses) error {
	if w.format == excelXLSX {
		return writeWorkbook(path, w, r)
	}
	return writeCSV(path, w.format, func(cw *csv.Writer) error {
		head := responseHeader(w)
		if err := cw.Write(head); err != nil {
			return err
		}
		rec := make([]string, len(head))
		for i := range r.ids {
			fillRecord(rec, w, r, i)
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// responseHeader is the header of a wave's response file.
func responseHeader(w *wave) []string {
	head := make([]string, 0, len(w.columns)+1)
	for _, c := range w.columns {
		head = append(head, c.header)
	}
	if w.freeText != "" {
		head = append(head, w.freeText)
	}
	return head
}

// fillRecord writes respondent i's cells into rec.
func fillRecord(rec []string, w *wave, r *responses, i int) {
	for j, c := range w.columns {
		switch c.role {
		case roleID:
			rec[j] = strconv.Itoa(r.ids[i])
		case roleWeight:
			rec[j] = strconv.FormatFloat(r.weights[i], 'f', 4, 64)
		case roleMulti:
			rec[j] = r.texts[j][i]
		default:
			rec[j] = codeText[r.codes[j][i]]
		}
	}
	if r.free != nil {
		rec[len(rec)-1] = r.free[i]
	}
}
