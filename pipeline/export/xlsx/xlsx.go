// Package xlsx writes the アウトカム指標の達成状況 table of the 運営方針 様式
// as an Excel workbook: one sheet per ward and plan, in the plan's layout.
package xlsx

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/shihyo/shihyo/internal/csvsafe"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/export/plan"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
	"github.com/shihyo/shihyo/present/selfeval"
)

// The columns of the アウトカム指標の達成状況 sheet.
const (
	colIssue     = "A" // 経営課題 (merged over its indicators)
	colNo        = "B" // ① ② …
	colIndicator = "C" // the indicator as printed in the plan
	colTarget    = "D" // 60%以上 / 令和9年度末
	colPercent   = "E" // the actual, a number in points
	colStatus    = "F" // A / B
	colTrend     = "G" // 進捗: 順調 / 遅れ / 達成
	colPrevious  = "H" // the previous fiscal year's actual
	colN         = "I" // the base n
	colCILow     = "J" // 95% interval
	colCIHigh    = "K"
	colDraft     = "L" // 自己評価（案） (package selfeval)
	lastCol      = colDraft

	headerRows = 4 // title, note, two header rows
)

// colWidths are in Excel's units (the width of a digit).
var colWidths = map[string]float64{
	colIssue: 18, colNo: 5, colIndicator: 52, colTarget: 13, colPercent: 9, colStatus: 9, colTrend: 8,
	colPrevious: 11, colN: 7, colCILow: 8, colCIHigh: 8, colDraft: 60,
}

// PercentFormat is the number format of the percent cells: the cell holds
// the percent in points as actuals.csv does (59.8, not 0.598), shown as
// 59.8%, so that =E5-60 is the difference in points.
const PercentFormat = `0.0"%"`

// sheetGroup is one sheet: the indicators of one ward's plan.
type sheetGroup struct {
	ward       string
	planYear   int
	indicators []model.Indicator
}

// Write writes the workbook of p to out: one sheet per ward (per ward and
// plan year when a ward has several plans) in the layout of the 運営方針
// 様式. It returns the number of indicator rows.
func Write(ctx context.Context, out io.Writer, p *plan.Data) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &workbook{f: f}
	if err := w.init(); err != nil {
		return 0, err
	}
	rows, err := w.writeSheets(ctx, p)
	if err != nil {
		return 0, err
	}
	if _, err := f.WriteTo(out); err != nil {
		return 0, fmt.Errorf("write xlsx: %w", err)
	}
	return rows, nil
}

// writeSheets writes a sheet per group of indicators, or a note when there
// is none, and returns the number of indicator rows.
func (w *workbook) writeSheets(ctx context.Context, p *plan.Data) (int, error) {
	groups := groupSheets(p.ShownIndicators())
	names := sheetNames(groups)
	rows := 0
	for i, g := range groups {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if err := w.addSheet(names[i], i == 0); err != nil {
			return 0, err
		}
		n, err := w.writeSheet(names[i], g, p)
		if err != nil {
			return 0, fmt.Errorf("write sheet %s: %w", names[i], err)
		}
		rows += n
	}
	if len(groups) == 0 {
		if err := w.f.SetCellStr("Sheet1", "A1", "データベースに指標がありません"); err != nil {
			return 0, fmt.Errorf("write sheet: %w", err)
		}
	}
	return rows, nil
}

// groupSheets splits the indicators (sorted by ward, plan year, issue and
// number) into sheets.
func groupSheets(list []model.Indicator) []sheetGroup {
	var groups []sheetGroup
	for _, in := range list {
		if n := len(groups); n > 0 && groups[n-1].ward == in.Ward && groups[n-1].planYear == in.PlanYear {
			groups[n-1].indicators = append(groups[n-1].indicators, in)
			continue
		}
		groups = append(groups, sheetGroup{ward: in.Ward, planYear: in.PlanYear, indicators: []model.Indicator{in}})
	}
	return groups
}

// sheetNames names each sheet after its ward, adding the plan's year when
// the ward has several plans, in the form Excel accepts: at most 31
// characters, none of :\/?*[], no ' at either end, unique whatever the case.
func sheetNames(groups []sheetGroup) []string {
	plans := map[string]int{}
	for _, g := range groups {
		plans[g.ward]++
	}
	used := map[string]bool{}
	names := make([]string, len(groups))
	for i, g := range groups {
		base := g.ward
		if plans[g.ward] > 1 {
			base += " " + wareki.Label(g.planYear)
		}
		base = cleanSheetName(base)
		name := base
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf(" (%d)", n)
			name = truncateUTF16(base, excelize.MaxSheetNameLength-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimSpace(s), "'")
	s = strings.Trim(truncateUTF16(s, excelize.MaxSheetNameLength), "'")
	if s == "" {
		return "指標"
	}
	return s
}

// truncateUTF16 cuts s to at most n UTF-16 code units (Excel's measure),
// never inside a character.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return s[:i]
		}
	}
	return s
}

// workbook holds the file and the styles of its cells.
type workbook struct {
	f                                     *excelize.File
	title, note, header                   int
	issue, text, center, percent, integer int
}

func (w *workbook) init() error {
	if err := w.f.SetDefaultFont("游ゴシック"); err != nil {
		return fmt.Errorf("set font: %w", err)
	}
	if err := w.f.SetDocProps(&excelize.DocProperties{Title: "アウトカム指標の達成状況", Creator: "shihyo", Language: "ja-JP"}); err != nil {
		return fmt.Errorf("set document properties: %w", err)
	}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	pct := PercentFormat
	styles := []struct {
		id    *int
		style excelize.Style
	}{
		{&w.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&w.note, excelize.Style{Font: &excelize.Font{Size: 10}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&w.header, excelize.Style{Border: border, Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&w.issue, excelize.Style{Border: border, Font: &excelize.Font{Bold: true},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&w.text, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&w.center, excelize.Style{Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&w.percent, excelize.Style{Border: border, CustomNumFmt: &pct, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&w.integer, excelize.Style{Border: border, NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}}}, // #,##0
	}
	for _, s := range styles {
		id, err := w.f.NewStyle(&s.style)
		if err != nil {
			return fmt.Errorf("create style: %w", err)
		}
		*s.id = id
	}
	return nil
}

// addSheet creates the sheet name; the first one replaces the default sheet.
func (w *workbook) addSheet(name string, first bool) error {
	if first {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return fmt.Errorf("name sheet %s: %w", name, err)
		}
		return nil
	}
	if _, err := w.f.NewSheet(name); err != nil {
		return fmt.Errorf("create sheet %s: %w", name, err)
	}
	return nil
}

// sheet writes the cells of one sheet, remembering the first error.
type sheet struct {
	w    *workbook
	name string
	err  error
}

func (s *sheet) str(cell, v string, style int) {
	if s.err == nil {
		s.err = s.w.f.SetCellStr(s.name, cell, csvsafe.Neutralise(v))
	}
	s.style(cell, cell, style)
}

func (s *sheet) num(cell string, v float64, style int) {
	if s.err == nil {
		s.err = s.w.f.SetCellFloat(s.name, cell, v, -1, 64)
	}
	s.style(cell, cell, style)
}

func (s *sheet) nullNum(cell string, v sql.NullFloat64, style int) {
	if v.Valid {
		s.num(cell, v.Float64, style)
		return
	}
	s.style(cell, cell, style)
}

func (s *sheet) whole(cell string, v int, style int) {
	if s.err == nil {
		s.err = s.w.f.SetCellInt(s.name, cell, int64(v))
	}
	s.style(cell, cell, style)
}

func (s *sheet) style(from, to string, style int) {
	if s.err == nil {
		s.err = s.w.f.SetCellStyle(s.name, from, to, style)
	}
}

func (s *sheet) merge(from, to string) {
	if s.err == nil && from != to {
		s.err = s.w.f.MergeCell(s.name, from, to)
	}
}

func (s *sheet) height(row int, h float64) {
	if s.err == nil {
		s.err = s.w.f.SetRowHeight(s.name, row, math.Min(h, maxRowHeight))
	}
}

func ref(col string, row int) string { return col + strconv.Itoa(row) }

// writeSheet writes the table of one plan and returns its indicator rows.
func (w *workbook) writeSheet(name string, g sheetGroup, p *plan.Data) (int, error) {
	s := &sheet{w: w, name: name}
	year := p.YearOf(g.ward)
	s.str("A1", fmt.Sprintf("%s %s運営方針 アウトカム指標の達成状況", g.ward, wareki.Label(g.planYear)), w.title)
	s.merge("A1", ref(lastCol, 1))
	s.height(1, 24)
	note := "実績はまだありません。"
	actualHead := "実績"
	if year != 0 {
		note = fmt.Sprintf("実績は%sの調査による割合 (%%)。達成状況 A: 目標を達成 / B: 未達成 (目標年度より前の年度も最終の目標と比べる)。進捗: 目標に向けて 順調 / 遅れ。空欄はその年度に調査がない指標。自己評価（案）は数値だけから作った下書き (課題と今後の方針は書き足してください)。", wareki.Label(year))
		actualHead = wareki.Label(year) + "実績"
	}
	s.str("A2", note, w.note)
	s.merge("A2", ref(lastCol, 2))
	s.height(2, 30)
	w.writeHeader(s, actualHead)

	row := headerRows + 1
	for start := 0; start < len(g.indicators); {
		issue := g.indicators[start].IssueNo
		end := start
		for end < len(g.indicators) && g.indicators[end].IssueNo == issue {
			end++
		}
		first := row
		var heights, last float64
		for _, in := range g.indicators[start:end] {
			a, err := p.ActualOf(in)
			if err != nil {
				return 0, err
			}
			last = w.writeIndicator(s, row, in, a, p.Draft(in).String())
			heights += last
			row++
		}
		k := plan.IssueKey{Ward: g.ward, PlanYear: g.planYear, IssueNo: issue}
		last = w.writeIssueLine(s, row, p.IssueLine(k))
		heights += last
		row++
		title := fmt.Sprintf("経営課題%d", issue)
		if t := p.Issues[k]; t != "" {
			title += "\n" + t
		}
		if b := budgetLine(p.Actions[k]); b != "" {
			title += "\n\n" + b
		}
		s.str(ref(colIssue, first), title, w.issue)
		s.style(ref(colIssue, first), ref(colIssue, row-1), w.issue)
		s.merge(ref(colIssue, first), ref(colIssue, row-1))
		// A merged cell does not grow its rows: make room for the title.
		if need := textHeight(title, colWidths[colIssue]); need > heights {
			s.height(row-1, last+need-heights)
		}
		start = end
	}
	w.layout(s)
	return len(g.indicators), s.err
}

// budgetLine is a 経営課題's 決算額・予算額 as the 共通様式 prints them,
// one per line ("令和3年度決算額 46,000千円"), oldest first and a year's
// 決算 before its 予算: its own lines (plan_actions.csv without action_no),
// or failing them the sum of its 取組, so headed; "" without amounts.
func budgetLine(lines []model.PlanAction) string {
	type column struct {
		year int
		kind string
	}
	own, sum := map[column]int64{}, map[column]int64{}
	for _, a := range lines {
		c := column{a.FiscalYear, a.BudgetKind}
		if a.ActionNo == "" && a.StrategyNo == "" {
			own[c] += a.ThousandYen
		} else {
			sum[c] += a.ThousandYen
		}
	}
	head := ""
	if len(own) == 0 {
		own, head = sum, "取組の合計\n"
	}
	cols := make([]column, 0, len(own))
	for c := range own {
		cols = append(cols, c)
	}
	slices.SortFunc(cols, func(a, b column) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(kindOrder(a.kind), kindOrder(b.kind)))
	})
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("%s%s額 %s千円", wareki.Label(c.year), c.kind, present.Count(int(own[c])))
	}
	if len(parts) == 0 {
		return ""
	}
	return head + strings.Join(parts, "\n")
}

// kindOrder puts a year's 決算 before its 予算.
func kindOrder(kind string) int {
	if kind == model.BudgetSettled {
		return 0
	}
	return 1
}

func (w *workbook) writeHeader(s *sheet, actualHead string) {
	top, sub := 3, 4
	single := []struct{ col, text string }{
		{colIssue, "経営課題"}, {colNo, "番号"}, {colIndicator, "アウトカム指標"}, {colTarget, "目標"},
		{colPrevious, "前年度実績"}, {colN, "n"}, {colDraft, selfeval.Heading},
	}
	for _, h := range single {
		s.str(ref(h.col, top), h.text, w.header)
		s.style(ref(h.col, sub), ref(h.col, sub), w.header)
		s.merge(ref(h.col, top), ref(h.col, sub))
	}
	s.str(ref(colPercent, top), actualHead, w.header)
	s.style(ref(colStatus, top), ref(colTrend, top), w.header)
	s.merge(ref(colPercent, top), ref(colTrend, top))
	s.str(ref(colPercent, sub), "実績", w.header)
	s.str(ref(colStatus, sub), "達成状況", w.header)
	s.str(ref(colTrend, sub), present.ProgressLabel, w.header)
	s.str(ref(colCILow, top), "95%信頼区間", w.header)
	s.style(ref(colCIHigh, top), ref(colCIHigh, top), w.header)
	s.merge(ref(colCILow, top), ref(colCIHigh, top))
	s.str(ref(colCILow, sub), "下限", w.header)
	s.str(ref(colCIHigh, sub), "上限", w.header)
	s.height(top, 20)
	s.height(sub, 20)
}

// writeIndicator writes one indicator's row, its draft of 自己評価 last,
// and returns the height given.
func (w *workbook) writeIndicator(s *sheet, row int, in model.Indicator, a *compute.Actual, draft string) float64 {
	text := in.SourceText
	if text == "" {
		text = in.Title
	}
	target := present.Target(in.TargetPercent, in.TargetOp) + "\n" + present.Deadline(in.TargetYear)
	s.str(ref(colNo, row), present.Circled(in.IndicatorNo), w.center)
	s.str(ref(colIndicator, row), text, w.text)
	s.str(ref(colTarget, row), target, w.center)
	if a != nil {
		s.num(ref(colPercent, row), a.Percent, w.percent)
		s.str(ref(colStatus, row), string(a.Status), w.center)
		s.str(ref(colTrend, row), present.TrajectoryText(a.Trajectory), w.center)
		s.nullNum(ref(colPrevious, row), a.PreviousPercent, w.percent)
		s.whole(ref(colN, row), a.NValid, w.integer)
		s.nullNum(ref(colCILow, row), a.CILow, w.percent)
		s.nullNum(ref(colCIHigh, row), a.CIHigh, w.percent)
		s.str(ref(colDraft, row), draft, w.text)
	} else {
		s.style(ref(colPercent, row), ref(colPercent, row), w.percent)
		s.style(ref(colStatus, row), ref(colTrend, row), w.center)
		s.style(ref(colPrevious, row), ref(colPrevious, row), w.percent)
		s.style(ref(colN, row), ref(colN, row), w.integer)
		s.style(ref(colCILow, row), ref(colCIHigh, row), w.percent)
		s.style(ref(colDraft, row), ref(colDraft, row), w.text)
	}
	h := math.Max(textHeight(text, colWidths[colIndicator]), textHeight(target, colWidths[colTarget]))
	h = math.Max(h, textHeight(draft, colWidths[colDraft]))
	s.height(row, h)
	return h
}

// writeIssueLine writes the 経営課題's line of 自己評価 (案) below its
// indicators, across the columns from the number to the draft, and
// returns the height given.
func (w *workbook) writeIssueLine(s *sheet, row int, line string) float64 {
	text := selfeval.Heading + "：" + line
	s.str(ref(colNo, row), text, w.text)
	s.style(ref(colNo, row), ref(lastCol, row), w.text)
	s.merge(ref(colNo, row), ref(lastCol, row))
	width := 0.0
	for col, cw := range colWidths {
		if col != colIssue {
			width += cw
		}
	}
	h := textHeight(text, width)
	s.height(row, h)
	return h
}

// layout sets the widths, freezes the headers and fits the table to the
// width of a landscape A4 page, with the header rows on every page.
func (w *workbook) layout(s *sheet) {
	if s.err != nil {
		return
	}
	for col, width := range colWidths {
		if s.err = w.f.SetColWidth(s.name, col, col, width); s.err != nil {
			return
		}
	}
	steps := []func() error{
		func() error {
			return w.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: headerRows,
				TopLeftCell: ref(colIssue, headerRows+1), ActivePane: "bottomLeft"})
		},
		func() error {
			fit := true
			return w.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit})
		},
		func() error {
			size, orientation, wide, tall := 9, "landscape", 1, 0 // A4
			return w.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
				FitToWidth: &wide, FitToHeight: &tall})
		},
		func() error {
			quoted := "'" + strings.ReplaceAll(s.name, "'", "''") + "'"
			return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name,
				RefersTo: fmt.Sprintf("%s!$%d:$%d", quoted, headerRows-1, headerRows)})
		},
	}
	for _, step := range steps {
		if s.err = step(); s.err != nil {
			return
		}
	}
}

// Row heights in points: Excel does not grow a row for wrapped text written
// by a program, so the height is estimated from the text.
const (
	lineHeight   = 18.0 // one line of 11 pt 游ゴシック
	rowPadding   = 6.0
	maxRowHeight = 409.0 // Excel's limit
)

// textHeight estimates the height of text wrapped in a column of the given
// width: a full-width character takes two units of width, others one.
func textHeight(text string, colWidth float64) float64 {
	usable := colWidth - 1
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		units := 0.0
		for _, r := range para {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				units += 2
			default:
				units++
			}
		}
		lines += max(1, int(math.Ceil(units/usable)))
	}
	return math.Min(float64(lines)*lineHeight+rowPadding, maxRowHeight)
}
