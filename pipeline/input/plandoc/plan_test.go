package plandoc

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
	"github.com/shihyo/shihyo/pipeline/input/plantext"
	"golang.org/x/text/encoding/japanese"
)

func readSeed(t testing.TB, name string) string {
	t.Helper()
	return inputtest.Seed(t, name)
}

func readSeedPlan(t testing.TB, name string, opts Options) Plan {
	t.Helper()
	p, err := ReadPlan(readSeed(t, name), opts)
	if err != nil {
		t.Fatalf("ReadPlan(%s): %v", name, err)
	}
	return p
}

// TestReadPlanTsurumiR5Indicators: the 11 アウトカム指標 of 令和5年度, with
// their 経営課題 as the plan's own 自己評価 and data/sample attribute
// them. In the PDF text the indicators of 経営課題3 come before the
// heading of 経営課題2 and those of 経営課題2 after the heading of
// 経営課題3: the nearest heading would swap them (and give 子育て to 1).
func TestReadPlanTsurumiR5Indicators(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedTsurumiR5, Options{})
	type want struct {
		issue, no  int
		population string
		hint       string
		percent    float64
		year       int
		question   string // a part of source_text
	}
	wants := []want{
		{1, 1, "区民", "", 60, 2027, "『支え合い』が行われていると感じる"},
		{1, 2, plantext.GroupCommittee, "", 90, 2023, "地活協の構成団体が"},
		{1, 3, "区民", "", 80, 2027, "健康に関する取組みを行っている"},
		{2, 1, "区民", "", 75, 2027, "今後の災害に対する備えにつながっている"},
		{2, 2, "区民", "", 90, 2027, "安全で住みやすいまち"},
		{3, 1, "区民", plantext.GroupParents, 90, 2027, "子育てしやすいまち"},
		{3, 2, "区民", "", 75, 2027, "まなびを通してつながり"},
		{3, 3, "区民", "", 50, 2027, "人権尊重のまちづくり"},
		{3, 4, plantext.GroupPrincipals, "", 90, 2027, "教育行政に反映されている"},
		{4, 1, "区民", "", 75, 2027, "必要とする区政情報"},
		{5, 1, "区民", "", 80, 2027, "SDGｓに取組んでいる"},
	}
	if len(p.Indicators) != len(wants) {
		t.Fatalf("got %d indicators, want %d: %+v", len(p.Indicators), len(wants), p.Indicators)
	}
	for k, w := range wants {
		in := p.Indicators[k]
		if in.IssueNo != w.issue || in.IndicatorNo != w.no || in.Population != w.population || in.FilterHint != w.hint ||
			in.TargetPercent != w.percent || in.TargetOp != plantext.AtLeast || in.TargetYear != w.year ||
			in.Kind != KindOutcome || in.Ward != "鶴見区" || in.PlanYear != 2023 || !strings.Contains(in.SourceText, w.question) {
			t.Errorf("indicator %d:\n got %+v\nwant %+v", k, in, w)
		}
		if !hasNote(in.Review, "question_key") {
			t.Errorf("indicator %d-%d: review does not ask for question_key: %q", in.IssueNo, in.IndicatorNo, in.Review)
		}
		if (w.hint != "") != hasNote(in.Review, "filter") {
			t.Errorf("indicator %d-%d: review about the filter: %q", in.IssueNo, in.IndicatorNo, in.Review)
		}
		if hasNote(in.Review, "経営課題") {
			t.Errorf("indicator %d-%d: its 経営課題 is clear from the text, yet noted: %q", in.IssueNo, in.IndicatorNo, in.Review)
		}
	}
}

func hasNote(notes []string, part string) bool {
	for _, n := range notes {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

// TestReadPlanVisionTargets: the 2 成果目標 of the 地域保健福祉ビジョン
// (2023年度～2027年度) are due at the end of its period.
func TestReadPlanVisionTargets(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedVision, Options{})
	if p.Doc != DocVision || p.Ward != "鶴見区" || p.VisionFrom != 2023 || p.VisionTo != 2027 || p.PlanYear != 2023 {
		t.Errorf("plan = %s %s %d (%d-%d)", p.Doc, p.Ward, p.PlanYear, p.VisionFrom, p.VisionTo)
	}
	wants := []struct {
		percent float64
		start   string
	}{{60, "災害時に限らず日常生活の中で"}, {40, "地域で支援を必要としている人に"}}
	if len(p.Indicators) != len(wants) {
		t.Fatalf("got %d indicators, want %d: %+v", len(p.Indicators), len(wants), p.Indicators)
	}
	for k, w := range wants {
		in := p.Indicators[k]
		if in.Kind != KindVision || in.TargetPercent != w.percent || in.TargetOp != plantext.AtLeast || in.TargetYear != 2027 ||
			in.Population != "区民" || in.IssueNo != 0 || in.IndicatorNo != k+1 || !strings.HasPrefix(in.SourceText, w.start) {
			t.Errorf("成果目標 %d: %+v", k+1, in)
		}
		if !hasNote(in.Review, "期間の最終年度") || !hasNote(in.Review, "issue_no") {
			t.Errorf("成果目標 %d: review %q does not say where the year came from and that issue_no is missing", k+1, in.Review)
		}
	}
	if len(p.Issues) != 0 || len(p.Actions) != 0 {
		t.Errorf("a vision has no 経営課題 or 取組: %+v %+v", p.Issues, p.Actions)
	}
}

// A wantAction is a 具体的取組 with its amount.
type wantAction struct {
	no, title string
	amount    int64
}

func checkActions(t *testing.T, p Plan, year int, wants []wantAction) {
	t.Helper()
	if len(p.Actions) != len(wants) {
		t.Fatalf("got %d actions, want %d: %+v", len(p.Actions), len(wants), p.Actions)
	}
	for k, w := range wants {
		a := p.Actions[k]
		issue, strategy := w.no[:1], w.no[:3]
		if a.ActionNo != w.no || a.StrategyNo != strategy || a.IssueNo != atoi(issue) || a.Title != w.title ||
			a.ThousandYen != w.amount || a.BudgetKind != Budgeted || a.FiscalYear != year || len(a.Review) != 0 {
			t.Errorf("action %d:\n got %+v\nwant %+v (予算 %d)", k, a, w, year)
		}
	}
}

func TestReadPlanActionBudgetsH31(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedTsurumiH31, Options{Ward: "鶴見区"})
	checkActions(t, p, 2019, []wantAction{
		{"1-1-1", "地域福祉力の向上", 28412},
		{"2-1-2", "子どもの貧困対策", 9652},
		{"3-1-1", "生涯学習", 2661},
		{"4-1-1", "防災・減災力の強化(自助・共助・公助)", 7475},
		{"5-1-1", "広報紙の充実", 17771},
	})
}

func TestReadPlanActionBudgetsR4(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedTsurumiR4, Options{})
	checkActions(t, p, 2022, []wantAction{
		{"1-1-1", "地域福祉力の向上", 28523},
		{"2-1-2", "児童虐待防止対策", 13989},
		{"3-1-1", "生涯学習の推進", 2638},
		{"4-1-3", "区災害対策機能の強化(公助)", 5423},
		{"5-1-1", "地域活動協議会による自律的な地域運営の促進", 17815},
	})
}

func TestReadPlanActionBudgetsHigashisumiyoshiR2(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedHigashiR2, Options{})
	checkActions(t, p, 2020, []wantAction{
		{"1-1-2", "中学生海外派遣の推進", 5237},
		{"1-2-2", "子どもの居場所にかかる支援の推進", 3528},
		{"2-1-2", "地域の防災力強化(共助)", 1240},
		{"2-4-1", "福祉相談のためのネットワークの強化", 47227},
		{"3-1-1", "区民相互の交流活動へのサポート", 6673},
		{"3-2-1", "地域の自主的なまちづくり活動への支援", 42806},
		{"4-1-1", "区の広報媒体及び内容の充実", 28291},
		{"5-1-1", "区民等の参画と協働による区政運営", 781},
	})
}

// TestReadPlanIssueBudgetsR5: the 3決算額/4予算額/5予算額 of each 経営課題,
// which the PDF text scatters: the labels of 経営課題1 three paragraphs
// before its amounts, those of 経営課題4 split around the other column.
func TestReadPlanIssueBudgetsR5(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedTsurumiR5, Options{})
	wants := map[int][3]int64{
		1: {46000, 47000, 46000}, 2: {14000, 18000, 18000}, 3: {26000, 46000, 46000},
		4: {20000, 23000, 26000}, 5: {1000, 2000, 3000},
	}
	years := [3]int{2021, 2022, 2023}
	kinds := [3]string{Settled, Budgeted, Budgeted}
	got := map[int][]Action{}
	for _, a := range p.Actions {
		if a.ActionNo != "" || a.StrategyNo != "" || len(a.Review) != 0 {
			t.Errorf("unexpected action %+v", a)
		}
		got[a.IssueNo] = append(got[a.IssueNo], a)
	}
	for issue, amounts := range wants {
		as := got[issue]
		if len(as) != 3 {
			t.Errorf("経営課題%d: %d budget lines, want 3: %+v", issue, len(as), as)
			continue
		}
		for k, a := range as {
			if a.ThousandYen != amounts[k] || a.FiscalYear != years[k] || a.BudgetKind != kinds[k] || a.Title != p.Issues[issue-1].Title {
				t.Errorf("経営課題%d line %d: got %+v, want %d千円 %s %d", issue, k, a, amounts[k], kinds[k], years[k])
			}
		}
	}
}

// TestReadPlanStructure: 目標, 使命, 経営課題 and strategies of every seed.
func TestReadPlanStructure(t *testing.T) {
	const tsurumiMission = "一人ひとりの人権が尊重され、だれもが自分らしく安心して暮らすことができるやさしさとぬくもりのある地域社会の実現にむけて、区内の実情や特性に即した施策・事業を総合的に展開する。"
	cases := []struct {
		seed       string
		opts       Options
		ward       string
		year       int
		goal       string
		mission    string
		issues     []string
		strategies []string
	}{
		{inputtest.SeedTsurumiH31, Options{Ward: "鶴見区"}, "鶴見区", 2019, "つながり、ふれあい、みまもり、支えあう、だれもが安心して暮らせるまち", tsurumiMission,
			[]string{"だれもが地域で安心して暮らせるまちづくり", "子育てを応援するまちづくり", "まなびを応援するまちづくり", "安全なまちづくり", "区民への必要な情報の発信"},
			[]string{"1-1 地域共生社会の実現", "2-1 安心して子育てできる環境づくり", "3-1 社会教育の支援", "4-1 災害に強いまちづくり", "5-1 さまざまな媒体を活用した情報発信"}},
		{inputtest.SeedTsurumiR4, Options{}, "鶴見区", 2022, "つながり、ふれあい、みまもり、支えあう、だれもが安心して暮らせるまち", tsurumiMission,
			[]string{"だれもが地域で安心して暮らせるまちづくり", "子育てを応援するまちづくり", "まなびを応援するまちづくり", "安全なまちづくり", "地域活動協議会による自律的な地域運営の促進"},
			[]string{"1-1 地域共生社会の実現", "2-1 安心して子育てできる環境づくり", "3-1 まなびを通じたつながりづくり", "4-1 災害に強いまちづくり", "5-1 地域活動協議会による自律的な地域運営の促進"}},
		{inputtest.SeedTsurumiR5, Options{}, "鶴見区", 2023, "つながり、ふれあい、みまもり、支えあう、誰一人取り残さない、安心して暮らせるまち", tsurumiMission,
			[]string{"だれもが地域で安心して暮らせるまちづくり", "安全なまちづくり", "子育てやまなびを応援するまちづくり", "まちづくりを支える広報・広聴の充実", "環境にやさしいまちづくり"},
			nil},
		{inputtest.SeedHigashiR2, Options{}, "東住吉区", 2020, "子どもが輝き、みんながしあわせなまち～ゆめ・だんらん・ひがしすみよし～",
			"区民一人ひとりの人権が尊重される社会の実現を基本に、「子育て層が住みたい、住み続けたいと思うまちづくり」「誰もが安心して心豊かに暮らせるまちづくり」「みんながつながるまちづくり」に取り組む。",
			[]string{"子育て層が住みたい、住み続けたいと思うまちづくりの推進", "誰もが安心して心豊かに暮らせるまちづくりの推進", "みんながつながるまちづくりの推進", "まちづくりの推進に向けた情報資産の共有化", "区民と共に創るまちづくりの推進"},
			[]string{"1-1 東住吉ゆめ応援プロジェクトの充実", "1-2 子育て・教育支援の充実", "2-1 東住吉区防災力の強化", "2-4 健康で心豊かに暮らせるまちづくりの推進",
				"3-1 東住吉つながりプログラムの充実", "3-2 地域活動協議会による自律的な地域運営の促進", "4-1 区政情報の広報戦略の展開", "5-1 区民の意見を反映した区政運営の実現"}},
	}
	for _, c := range cases {
		t.Run(c.seed, func(t *testing.T) {
			p := readSeedPlan(t, c.seed, c.opts)
			if p.Ward != c.ward || p.PlanYear != c.year || p.Doc != DocPlan {
				t.Errorf("ward, year, doc = %q %d %s", p.Ward, p.PlanYear, p.Doc)
			}
			if p.Goal != c.goal || p.Mission != c.mission {
				t.Errorf("goal %q\nmission %q", p.Goal, p.Mission)
			}
			var issues, strategies []string
			for k, is := range p.Issues {
				if is.No != k+1 {
					t.Errorf("issue %d numbered %d", k+1, is.No)
				}
				issues = append(issues, is.Title)
			}
			for _, s := range p.Strategies {
				if s.IssueNo != atoi(s.No[:1]) {
					t.Errorf("strategy %s under 経営課題%d", s.No, s.IssueNo)
				}
				strategies = append(strategies, s.No+" "+s.Title)
			}
			if strings.Join(issues, "\n") != strings.Join(c.issues, "\n") {
				t.Errorf("issues:\n got %q\nwant %q", issues, c.issues)
			}
			if strings.Join(strategies, "\n") != strings.Join(c.strategies, "\n") {
				t.Errorf("strategies:\n got %q\nwant %q", strategies, c.strategies)
			}
		})
	}
}

// TestReadPlanHeaderNotes: what the text did not say is noted at the
// plan: 平成31年度's text has no title, hence no ward and its year only
// from the heading of the 区運営の基本的な考え方; a ward given that differs
// from the title is noted too, and so is a deadline before the year given.
func TestReadPlanHeaderNotes(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedTsurumiH31, Options{})
	if p.Ward != "" || p.PlanYear != 2019 || !hasNote(p.Review, "区名") || !hasNote(p.Review, "平成31年度 区運営の基本的な考え方") {
		t.Errorf("H31 without options: ward %q year %d review %q", p.Ward, p.PlanYear, p.Review)
	}
	p = readSeedPlan(t, inputtest.SeedTsurumiR5, Options{Ward: "東住吉区", PlanYear: 2024})
	if p.Ward != "東住吉区" || p.PlanYear != 2024 || !hasNote(p.Review, "本文の区名は鶴見区") || !hasNote(p.Review, "本文の年度は令和5年度") {
		t.Errorf("R5 with other options: ward %q year %d review %q", p.Ward, p.PlanYear, p.Review)
	}
	for _, in := range p.Indicators { // 令和5年度末 under a 令和6年度 plan
		if in.TargetYear == 2023 && !hasNote(in.Review, "期限令和5年度末 (2023) が運営方針の年度令和6年度 (2024) より前です") {
			t.Errorf("R5 read as 令和6年度: %s due 2023, not noted: %q", in.Title, in.Review)
		}
	}
	p = readSeedPlan(t, inputtest.SeedTsurumiR5, Options{})
	if len(p.Review) != 0 {
		t.Errorf("R5 states its ward and year, yet: %q", p.Review)
	}
	due := 0
	for _, in := range p.Indicators {
		if in.TargetYear == 2023 {
			due++
		}
		if hasNote(in.Review, "より前です") {
			t.Errorf("R5: %s due %d noted as before the plan: %q", in.Title, in.TargetYear, in.Review)
		}
	}
	if due == 0 {
		t.Error("R5: no indicator due 令和5年度末: the test tests nothing")
	}
}

// TestReadPlanAgreesWithExtract: on every seed, what an indicator states
// is what validation's cross-check reads from its source_text.
func TestReadPlanAgreesWithExtract(t *testing.T) {
	for _, seed := range []string{inputtest.SeedTsurumiH31, inputtest.SeedTsurumiR4, inputtest.SeedVision, inputtest.SeedTsurumiR5, inputtest.SeedHigashiR2} {
		p := readSeedPlan(t, seed, Options{Ward: "鶴見区"})
		for _, in := range p.Indicators {
			checkAgreesWithExtract(t, in)
		}
	}
}

func checkAgreesWithExtract(t testing.TB, in Indicator) {
	t.Helper()
	st := plantext.Extract(in.SourceText, in.PlanYear)
	if st.Op != "" && (st.Op != in.TargetOp || st.Percent != in.TargetPercent) {
		t.Errorf("%q: plantext.Extract reads %v%s, ReadPlan %v%s", in.SourceText, st.Percent, st.Op, in.TargetPercent, in.TargetOp)
	}
	if st.Op == "" && in.TargetOp != "" {
		t.Errorf("%q: ReadPlan has a direction %s that plantext.Extract does not read", in.SourceText, in.TargetOp)
	}
	if st.Year != 0 && st.Year != in.TargetYear {
		t.Errorf("%q: plantext.Extract reads year %d, ReadPlan %d", in.SourceText, st.Year, in.TargetYear)
	}
	if st.Group == plantext.GroupParents && in.FilterHint != plantext.GroupParents {
		t.Errorf("%q: a 子育て世帯 indicator without the filter hint", in.SourceText)
	}
}

// TestReadPlanNoPlan: a text without any part of a plan is ErrNoPlan.
func TestReadPlanNoPlan(t *testing.T) {
	for name, text := range map[string]string{
		"empty":     "",
		"blank":     "\n \n\u3000\n",
		"prose":     "本日は晴天なり。区役所の窓口は9時からです。割合は50%です。",
		"survey":    "No,F1,問3\n1,1,2\n2,,3\n",
		"html page": "<html><body><p>ページの先頭です</p><p>メニューの終端です。</p></body></html>",
	} {
		if _, err := ReadPlan(text, Options{Ward: "鶴見区", PlanYear: 2023}); !errors.Is(err, ErrNoPlan) {
			t.Errorf("%s: ReadPlan error %v, want ErrNoPlan", name, err)
		}
	}
}

// TestDecodeSeedInEveryEncoding: the 令和5年度 plan (with its ①②③) saved
// as CP932, UTF-16 or UTF-8 with a BOM reads as the UTF-8 text does.
func TestDecodeSeedInEveryEncoding(t *testing.T) {
	text := readSeed(t, inputtest.SeedTsurumiR5)
	cp932, err := japanese.ShiftJIS.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadPlan(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, enc, err := paragraph.Decode([]byte(cp932))
	if err != nil || enc != paragraph.EncodingCP932 {
		t.Fatalf("Decode: %q, %v", enc, err)
	}
	if p, err := ReadPlan(got, Options{}); err != nil || !reflect.DeepEqual(p, want) {
		t.Errorf("the CP932 plan reads otherwise than the UTF-8 one (%v)", err)
	}
}
