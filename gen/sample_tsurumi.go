package gen

import "fmt"

// The 鶴見区 令和5年度 plan (seed 003): its 11 outcome indicators with their
// targets, the sentences as printed, and the published actuals of 令和5年度
// and 令和4年度 as anchors.
const (
	tsurumi       = "鶴見区"
	tsurumiPlan   = "令和5年度"
	popResidents  = "区民"
	popCommittee  = "地域活動協議会運営委員"
	popPrincipals = "校長・教頭"
)

var tsurumiAreas = areaAttribute("お住まいの地域をお答えください",
	[]string{"榎本", "鶴見", "茨田北", "茨田", "茨田東", "茨田西", "諸口", "横堤", "今津", "焼野"},
	[]float64{0.12, 0.11, 0.09, 0.10, 0.08, 0.09, 0.12, 0.12, 0.14, 0.03})

var tsurumiCommitteeAreas = areaAttribute("所属する地域活動協議会",
	[]string{"榎本", "鶴見", "茨田北", "茨田", "茨田東", "茨田西", "諸口", "横堤", "今津", "焼野"}, nil)

// tsurumiIndicator fills the plan side of a 鶴見区 indicator.
func tsurumiIndicator(issue, no int, title, pop string, excludeDK bool, target int, due, source string) indicator {
	return indicator{
		ward: tsurumi, planYear: tsurumiPlan, issueNo: issue, no: no, title: title,
		population: pop, excludeDK: excludeDK, target: target, targetYear: due, source: source,
	}
}

// tsurumiTopics returns the 11 indicators in plan order. Anchors are the
// published percents ×10 of 令和5年度 (2023) and 令和4年度 (2022).
func tsurumiTopics() []*topic {
	const r9 = "令和9年度末"
	ts := []*topic{
		{key: "sasaeai", scale: scaleKanjiru, tilt: 0.5,
			text: "日常生活の中で『お元気ですか』や『何かお困りですか？』など住民同士の『声かけ』『見守り』『支え合い』が行われていると感じますか",
			ind: tsurumiIndicator(1, 1, "支え合いが行われていると感じる区民の割合", popResidents, true, 60, r9,
				"区民アンケートで「日常生活の中で『お元気ですか』や『何かお困りですか？』など住民同士の『声かけ』『見守り』『支え合い』が行われていると感じる」と回答した区民の割合を令和９年度末までに60％以上にする。"),
			anchors: map[int]int{2023: 341, 2022: 378}},
		{key: "chikatsu_jiritsu", scale: scaleOmou,
			text: "地活協の構成団体が、地域特性に即した地域課題の解決に向けた取組みを自律的に進められている状態にあると思いますか",
			ind: tsurumiIndicator(1, 2, "地活協の取組みが自律的に進められていると評価する運営委員の割合", popCommittee, false, 90, "令和5年度末",
				"「地活協の構成団体が、地域特性に即した地域課題の解決に向けた取組みが自律的に進められている状態にあると思う」と評価した各地域活動協議会運営委員の割合を令和５年度末までに90％以上にする。"),
			anchors: map[int]int{2023: 948, 2022: 884}},
		{key: "kenko", scale: scaleOkonau, tilt: 0.4,
			text: "運動や食生活など、健康に関する取組みを行っていますか",
			ind: tsurumiIndicator(1, 3, "健康に関する取組みを行っている区民の割合", popResidents, false, 80, r9,
				"区民アンケートで「運動や食生活など、健康に関する取組みを行っている」と回答した区民の割合を令和９年度末までに80％以上にする。"),
			anchors: map[int]int{2023: 832, 2022: 816}},
		{key: "bosai", scale: scaleKanjiru, tilt: 0.2,
			text: "鶴見区で実施している取組み（区民の防災意識の向上や地域防災力の強化に向けた支援など）が、今後の災害に対する備えにつながっていると感じますか",
			ind: tsurumiIndicator(2, 1, "区の防災の取組みが災害への備えにつながっていると感じる区民の割合", popResidents, true, 75, r9,
				"区民アンケートで「鶴見区で実施している取組み（区民の防災意識の向上や地域防災力の強化に向けた支援など）が、今後の災害に対する備えにつながっていると感じる」と回答した区民の割合を令和９年度末までに75％以上にする。"),
			anchors: map[int]int{2023: 579, 2022: 644}},
		{key: "anzen", scale: scaleKanjiru, tilt: 0.1,
			text: "鶴見区は安全で住みやすいまちだと感じていますか",
			ind: tsurumiIndicator(2, 2, "安全で住みやすいまちと感じる区民の割合", popResidents, false, 90, r9,
				"区民アンケートで「安全で住みやすいまちと感じている」と回答した区民の割合を令和９年度末までに90％以上にする。"),
			anchors: map[int]int{2023: 903, 2022: 748}},
		{key: "kosodate_shiyasui", scale: scaleKanjiru,
			text: "鶴見区は子育てしやすいまちだと感じていますか",
			ind: tsurumiIndicator(3, 1, "子育てしやすいまちだと感じる子育て世帯の割合", popResidents, true, 90, r9,
				"区民アンケートで「鶴見区は子育てしやすいまちだと感じている」と回答した子育て世帯の区民の割合を令和９年度末までに90％以上にする。"),
			anchors: map[int]int{2023: 872, 2022: 912}},
		{key: "manabi", scale: scaleKanjiru, tilt: 0.3,
			text: "まなび（生涯学習）を通して、人とのつながりを感じていますか",
			ind: tsurumiIndicator(3, 2, "まなびを通してつながりを感じる区民の割合", popResidents, false, 75, r9,
				"区民アンケートで「まなびを通してつながりを感じている」と回答した区民の割合を令和９年度末までに75％以上にする。"),
			anchors: map[int]int{2023: 278, 2022: 299}},
		{key: "jinken", scale: scaleOmou, tilt: 0.1,
			text: "鶴見区では人権尊重のまちづくりが進んでいると思いますか",
			ind: tsurumiIndicator(3, 3, "人権尊重のまちづくりが進んでいると思う区民の割合", popResidents, true, 50, r9,
				"区民アンケートで「人権尊重のまちづくりが進んでいる」と回答した区民の割合を令和９年度末までに50％以上にする。"),
			anchors: map[int]int{2023: 574, 2022: 579}},
		{key: "kyoiku_hanei", scale: scaleOmou,
			text: "学校や保護者のニーズ、意向が教育行政に反映されていると思いますか",
			ind: tsurumiIndicator(3, 4, "ニーズ・意向が教育行政に反映されていると思う校長・教頭の割合", popPrincipals, false, 90, r9,
				"「学校や保護者のニーズ、意向が教育行政に反映されていると思う」と回答した校長・教頭の割合を令和９年度末までに90％以上にする。"),
			anchors: map[int]int{2023: 1000, 2022: 971}},
		{key: "koho", scale: scaleDekiru, tilt: 0.6,
			text: "鶴見区が実施する広報（区広報紙、区ホームページ、SNS、区広報板など）で、必要とする区政情報を必要なときに入手できていますか",
			ind: tsurumiIndicator(4, 1, "必要な区政情報を必要なときに入手できている区民の割合", popResidents, true, 75, r9,
				"区民アンケートで「鶴見区が実施する広報（区広報紙、区ホームページ、SNS、区広報板など）で、必要とする区政情報が必要なときに入手できている」と回答した区民の割合を令和９年度末までに75％以上にする。"),
			anchors: map[int]int{2023: 598, 2022: 713}},
		{key: "sdgs", scale: scaleTorikumu, tilt: -0.2,
			text: "日頃から意識してSDGｓに取り組んでいますか",
			ind: tsurumiIndicator(5, 1, "日頃から意識してSDGsに取り組んでいる区民の割合", popResidents, false, 80, r9,
				"区民アンケートで「日頃から意識してSDGｓに取組んでいる」と回答した区民の割合を令和９年度末までに80％以上にする。"),
			anchors: map[int]int{2023: 698, 2022: 710}},
	}
	kosodate := ts[5]
	kosodate.ind.filterKey, kosodate.ind.filterCode = "kosodate", 1
	for _, t := range ts {
		// Years without an anchor land near the 令和4年度 value.
		t.level = float64(t.anchors[2022]) / 10
	}
	return ts
}

// tsurumiResidentHeaders gives, per fiscal year, how the 区民 questionnaire
// numbered its questions: the numbers move between years.
func tsurumiResidentHeaders(year int) (id string, attrs, qs []header, prefixes []string, attrsLast bool) {
	switch year {
	case 2020:
		return "No", []header{{"F1", "seibetsu"}, {"F2", "nendai"}, {"F3", "kosodate"}, {"F4", "chiiki"}},
			[]header{{"問1", "anzen"}, {"問2", "bosai"}, {"問3", "sasaeai"}, {"問4", "kenko"}, {"問5", "kosodate_shiyasui"},
				{"問6", "manabi"}, {"問7", "jinken"}, {"問8", "koho"}, {"問9", "sdgs"}}, nil, false
	case 2021:
		return "No", []header{{"F1", "nendai"}, {"F2", "seibetsu"}, {"F3", "chiiki"}, {"F4", "kosodate"}},
			[]header{{"問2①", "sasaeai"}, {"問2②", "kenko"}, {"問3①", "bosai"}, {"問3②", "anzen"}, {"問4①", "kosodate_shiyasui"},
				{"問4②", "manabi"}, {"問4③", "jinken"}, {"問5①", "koho"}, {"問5②", "sdgs"}},
			[]string{"①", "②", "①", "②", "①", "②", "③", "①", "②"}, false
	case 2022:
		return "回答者番号", []header{{"F1", "nendai"}, {"F2", "seibetsu"}, {"F3", "chiiki"}, {"F4", "kosodate"}},
			[]header{{"問1", "koho"}, {"問2", "sdgs"}, {"問3", "sasaeai"}, {"問4", "kenko"}, {"問5", "bosai"},
				{"問6", "anzen"}, {"問7", "kosodate_shiyasui"}, {"問8", "manabi"}, {"問9", "jinken"}}, nil, true
	default:
		return "No", []header{{"F1", "nendai"}, {"F2", "seibetsu"}, {"F3", "chiiki"}, {"F4", "kosodate"}},
			[]header{{"問5", "sasaeai"}, {"問6", "kenko"}, {"問7", "bosai"}, {"問8", "anzen"}, {"問9", "kosodate_shiyasui"},
				{"問10", "manabi"}, {"問11", "jinken"}, {"問12", "koho"}, {"問13", "sdgs"}}, nil, false
	}
}

// reiwa writes a 西暦 fiscal year as 和暦, e.g. 2023 → 令和5年度.
func reiwa(year int) string {
	if year == 2019 {
		return "令和元年度"
	}
	return fmt.Sprintf("令和%d年度", year-2018)
}

// tsurumiWaves returns the 区民, 運営委員 and 校長・教頭 waves of 令和2–5年度.
func tsurumiWaves(topics []*topic) []*wave {
	var ws []*wave
	for year := 2020; year <= 2023; year++ {
		ws = append(ws, tsurumiResidentWave(year, topics),
			tsurumiCommitteeWave(year, topics), tsurumiPrincipalWave(year, topics))
	}
	return ws
}

// tsurumiResidentWave is the 区民アンケート of one year. 令和3年度 came out
// of Excel as CP932 with a free-text column; 令和4年度 as "CSV UTF-8".
func tsurumiResidentWave(year int, topics []*topic) *wave {
	id, attrs, qs, prefixes, last := tsurumiResidentHeaders(year)
	attrSet := []*attribute{attrNendai, attrSeibetsu, attrKosodate, tsurumiAreas}
	w := &wave{
		id: fmt.Sprintf("tsurumi-kumin-%d", year), ward: tsurumi, year: year, yearText: reiwa(year),
		population: popResidents, mailed: 2000, minReturned: 600, maxReturned: 900, profile: residents,
		columns: waveColumns(id, attrs, qs, attrSet, topics, prefixes, last),
	}
	switch year {
	case 2021:
		w.format, w.encoding, w.freeText = excelCP932, "shift_jis", "自由記述"
	case 2022:
		w.format = excelUTF8
	case 2023:
		w.encoding = "utf-8"
	}
	return w
}

// tsurumiCommitteeWave is the survey of the 地域活動協議会 運営委員.
func tsurumiCommitteeWave(year int, topics []*topic) *wave {
	q := map[int]string{2020: "問1", 2021: "問1", 2022: "問2", 2023: "問3"}[year]
	return &wave{
		id: fmt.Sprintf("tsurumi-chikatsukyo-%d", year), ward: tsurumi, year: year, yearText: reiwa(year),
		population: popCommittee, mailed: 150, minReturned: 110, maxReturned: 135, profile: committee,
		columns: waveColumns("No", []header{{"F1", "chiiki"}}, []header{{q, "chikatsu_jiritsu"}},
			[]*attribute{tsurumiCommitteeAreas}, topics, nil, false),
	}
}

// tsurumiPrincipalWave is the survey of the principals and vice-principals
// of the ward's 12 elementary and 5 junior high schools.
func tsurumiPrincipalWave(year int, topics []*topic) *wave {
	q := map[int]string{2020: "問1", 2021: "問2", 2022: "問2", 2023: "問3"}[year]
	return &wave{
		id: fmt.Sprintf("tsurumi-kocho-%d", year), ward: tsurumi, year: year, yearText: reiwa(year),
		population: popPrincipals, mailed: 34, minReturned: 28, maxReturned: 34, profile: principals,
		columns: waveColumns("No", []header{{"F1", "koshu"}, {"F2", "shokui"}}, []header{{q, "kyoiku_hanei"}},
			[]*attribute{attrKoshu, attrShokui}, topics, nil, false),
	}
}

// tsurumiPlanText is 目標, 使命 and the 経営課題 of the 令和5年度 plan.
func tsurumiPlanText() plan {
	return plan{
		ward: tsurumi, planYear: tsurumiPlan,
		goal:    "つながり、ふれあい、みまもり、支えあう、誰一人取り残さない、安心して暮らせるまち",
		mission: "一人ひとりの人権が尊重され、だれもが自分らしく安心して暮らすことができるやさしさとぬくもりのある地域社会の実現にむけて、区内の実情や特性に即した施策・事業を総合的に展開する。",
		issues: []string{
			"だれもが地域で安心して暮らせるまちづくり",
			"安全なまちづくり",
			"子育てやまなびを応援するまちづくり",
			"まちづくりを支える広報・広聴の充実",
			"環境にやさしいまちづくり",
		},
		budgets: tsurumiBudgets(),
	}
}

// tsurumiBudgets are the 3決算額 4予算額 5予算額 of each 経営課題 in the
// 共通様式 of the 令和5年度 plan (seed 003), ４６百万円 as 46000 千円:
// what `shihyo plan extract --plan-out` reads from it (the command's
// TestSamplePlanActionsFromSeed keeps the two equal).
func tsurumiBudgets() []budget {
	amounts := [][3]int{{46, 47, 46}, {14, 18, 18}, {26, 46, 46}, {20, 23, 26}, {1, 2, 3}} // 百万円
	var out []budget
	for k, a := range amounts {
		out = append(out,
			budget{k + 1, a[0] * 1000, "決算", "令和3年度"},
			budget{k + 1, a[1] * 1000, "予算", "令和4年度"},
			budget{k + 1, a[2] * 1000, "予算", "令和5年度"})
	}
	return out
}
