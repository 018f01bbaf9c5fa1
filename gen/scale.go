package gen

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// osakaWards are Osaka City's 24 wards in their official order, with the
// romaji the pages use (package wards), which the survey ids use too.
var osakaWards = wards.Osaka()

// scaleLastYear is the fiscal year of the last synthetic wave.
const scaleLastYear = 2023

// wardName returns the i-th synthetic ward: Osaka's wards, then the same
// names again with a number suffix (北区2, …).
func wardName(i int) (name, roman string) {
	w := osakaWards[i%len(osakaWards)]
	if i < len(osakaWards) {
		return w.Name, w.Slug
	}
	n := fmt.Sprint(i/len(osakaWards) + 1)
	return w.Name + n, w.Slug + n
}

// scaleDataset is a synthetic data set of the size opts asks for.
func scaleDataset(o Options, rng *rand.Rand) *dataset {
	d := &dataset{}
	for i := range o.Wards {
		name, roman := wardName(i)
		topics := scaleTopics(name, o.Questions, rng)
		areas := scaleAreas(name)
		for y := range o.Years {
			year := scaleLastYear - o.Years + 1 + y
			d.waves = append(d.waves, scaleWave(name, roman, year, o.Respondents, topics, areas))
		}
		d.topics = append(d.topics, topics...)
		d.plans = append(d.plans, scalePlan(name))
	}
	return d
}

// scaleTemplates are the resident questions of the sample, reused as the
// questions of synthetic wards.
func scaleTemplates() []*topic {
	var ts []*topic
	for _, t := range append(tsurumiTopics(), higashisumiyoshiTopics()...) {
		if t.ind.population == popResidents && t.options == nil {
			ts = append(ts, t)
		}
	}
	return ts
}

// scaleTopics returns n indicators for a ward, spread over five 経営課題.
func scaleTopics(ward string, n int, rng *rand.Rand) []*topic {
	tpl := scaleTemplates()
	var ts []*topic
	for i := range n {
		t := *tpl[i%len(tpl)]
		round := i / len(tpl)
		if round > 0 {
			t.key = fmt.Sprintf("%s_%d", t.key, round+1)
			t.ind.title = fmt.Sprintf("%s（%d）", t.ind.title, round+1)
		}
		t.text = renameWard(t.text, ward)
		t.anchors = nil
		t.level, t.trend = 35+rng.Float64()*50, rng.Float64()*3-1.5
		t.ind.ward, t.ind.planYear, t.ind.targetYear = ward, fmt.Sprint(scaleLastYear), "2027"
		t.ind.issueNo, t.ind.no = i%5+1, i/5+1
		t.ind.target = 50 + 5*rng.IntN(9)
		t.ind.source = scaleSentence(&t)
		ts = append(ts, &t)
	}
	slices.SortStableFunc(ts, func(a, b *topic) int {
		return cmp.Or(cmp.Compare(a.ind.issueNo, b.ind.issueNo), cmp.Compare(a.ind.no, b.ind.no))
	})
	return ts
}

// renameWard replaces the sample wards' names in a question text.
func renameWard(s, ward string) string {
	return strings.NewReplacer(tsurumi, ward, higashisumiyoshi, ward).Replace(s)
}

// scaleSentence writes the indicator sentence of a synthetic topic.
func scaleSentence(t *topic) string {
	subject := "区民"
	if t.ind.filterKey != "" {
		subject = "子育て世帯の区民"
	}
	return fmt.Sprintf("区民アンケートの「%s」の問いに肯定的な回答をした%sの割合を令和９年度末までに%d％以上にする。",
		t.text, subject, t.ind.target)
}

// scaleAreas is the 地域 attribute of a synthetic ward: the real names for
// the sample wards, numbered 地域 elsewhere.
func scaleAreas(ward string) *attribute {
	switch ward {
	case tsurumi:
		return tsurumiAreas
	case higashisumiyoshi:
		return higashisumiyoshiAreas
	}
	var names []string
	for i := range 8 {
		names = append(names, fmt.Sprintf("第%d地域", i+1))
	}
	return areaAttribute("お住まいの地域をお答えください", names, nil)
}

// scaleWave is one synthetic 区民 wave; question numbers shift by year.
func scaleWave(ward, roman string, year, respondents int, topics []*topic, areas *attribute) *wave {
	attrs := []header{{"F1", "nendai"}, {"F2", "seibetsu"}, {"F3", "chiiki"}, {"F4", "kosodate"}}
	shift := (scaleLastYear - year) % 3
	var qs []header
	for i, t := range topics {
		qs = append(qs, header{fmt.Sprintf("問%d", i+1+shift), t.key})
	}
	return &wave{
		id: fmt.Sprintf("%s-kumin-%d", roman, year), ward: ward, year: year, yearText: fmt.Sprint(year),
		population: popResidents, mailed: (respondents*100 + 34) / 35,
		minReturned: respondents, maxReturned: respondents, profile: residents,
		columns: waveColumns("No", attrs, qs, []*attribute{attrNendai, attrSeibetsu, attrKosodate, areas}, topics, nil, false),
	}
}

// scalePlan is the generic 目標, 使命 and 経営課題 of a synthetic ward.
func scalePlan(ward string) plan {
	return plan{
		ward: ward, planYear: fmt.Sprint(scaleLastYear),
		goal:    "だれもが安心して住み続けられる、つながりのあるまち",
		mission: "区民一人ひとりの人権が尊重され、地域の実情に即した施策・事業を区民とともに総合的に展開する。",
		issues: []string{
			"地域福祉とつながりづくりの推進",
			"安全・安心なまちづくり",
			"子育て・教育の支援",
			"広報・広聴の充実",
			"環境にやさしいまちづくり",
		},
	}
}
