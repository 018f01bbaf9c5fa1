package gen

import "fmt"

// The 東住吉区 令和2年度 plan (seed 004). The seed has no indicator text, so
// the five indicators below are invented in the plan's style, one per
// 経営課題; only 目標, 使命 and the 経営課題 titles are taken from the plan.
const (
	higashisumiyoshi     = "東住吉区"
	higashisumiyoshiPlan = "令和2年度"
)

var higashisumiyoshiAreas = areaAttribute("お住まいの地域をお答えください",
	[]string{"育和", "今川", "北田辺", "桑津", "鷹合", "田辺", "中野", "東田辺", "南田辺", "矢田", "矢田北", "矢田西", "矢田東", "湯里"},
	[]float64{0.07, 0.08, 0.08, 0.07, 0.06, 0.09, 0.07, 0.08, 0.08, 0.06, 0.05, 0.06, 0.06, 0.09})

// generatedSentence writes an indicator sentence in the plans' style.
func generatedSentence(phrase, subject string, target int, due string) string {
	return fmt.Sprintf("区民アンケートで「%s」と回答した%sの割合を%sまでに%d％以上にする。",
		phrase, subject, due, target)
}

// higashisumiyoshiTopics returns the five generated indicators.
func higashisumiyoshiTopics() []*topic {
	type row struct {
		key, text, phrase, title string
		sc                       scale
		excludeDK                bool
		target                   int
		level, trend, tilt       float64
	}
	rows := []row{
		{"sumitsuzuke", "これからも東住吉区に住み続けたいと思いますか", "これからも東住吉区に住み続けたい",
			"住み続けたいと思う子育て世帯の割合", scaleSumitai, false, 80, 72, 1.2, 0},
		{"anshin", "東住吉区は、誰もが安心して心豊かに暮らせるまちだと感じますか", "誰もが安心して心豊かに暮らせるまちだと感じる",
			"安心して心豊かに暮らせるまちだと感じる区民の割合", scaleKanjiru, true, 70, 61, 1.0, 0.2},
		{"tsunagari", "ふだんの生活の中で、地域の人とのつながりを感じますか", "地域の人とのつながりを感じる",
			"地域のつながりを感じる区民の割合", scaleKanjiru, false, 50, 37, 0.8, 0.5},
		{"joho", "区の情報（区広報紙、ホームページ、LINE、Facebookなど）を必要なときに入手できていますか", "区の情報を必要なときに入手できている",
			"区の情報を入手できている区民の割合", scaleDekiru, true, 65, 54, 1.5, 0.4},
		{"iken", "区政に区民の意見が反映されていると感じますか", "区政に区民の意見が反映されていると感じる",
			"区政に区民の意見が反映されていると感じる区民の割合", scaleKanjiru, true, 50, 31, 0.9, 0.2},
	}
	var ts []*topic
	for i, r := range rows {
		subject := "区民"
		if i == 0 {
			subject = "子育て世帯の区民"
		}
		ts = append(ts, &topic{
			key: r.key, text: r.text, scale: r.sc,
			level: r.level, trend: r.trend, tilt: r.tilt,
			ind: indicator{
				ward: higashisumiyoshi, planYear: higashisumiyoshiPlan, issueNo: i + 1, no: 1,
				title: r.title, population: popResidents, excludeDK: r.excludeDK, target: r.target,
				targetYear: "令和5年度末", source: generatedSentence(r.phrase, subject, r.target, "令和５年度末"),
			},
		})
	}
	ts[0].ind.filterKey, ts[0].ind.filterCode = "kosodate", 1
	return append(ts, higashisumiyoshiMulti())
}

// higashisumiyoshiMulti is the sample's 複数回答 indicator (経営課題4 ②):
// the share of residents who get the ward's information from its web
// site or its SNS, among those who named a source; わからない alone leaves
// the base, and the vendor codes 無回答 as 99.
func higashisumiyoshiMulti() *topic {
	const phrase = "区の情報を区のホームページやSNSから入手している"
	return &topic{
		key: "joho_shudan", text: "区の情報をどこから入手していますか（あてはまるものすべてに○）",
		options: []choice{{1, "区広報紙「なでしこ」"}, {2, "区のホームページ"}, {3, "区のSNS（LINE・Facebookなど）"},
			{4, "区の掲示板・ポスター"}, {5, "町会の回覧板"}, {6, "その他"}, {dkCode, "わからない"}, {99, "無回答"}},
		positive: "2;3", missing: 99,
		ind: indicator{
			ward: higashisumiyoshi, planYear: higashisumiyoshiPlan, issueNo: 4, no: 2,
			title: "区のホームページ・SNSで区の情報を入手している区民の割合", population: popResidents,
			excludeDK: true, target: 45, targetYear: "令和5年度末",
			source: generatedSentence(phrase, "区民", 45, "令和５年度末"),
		},
	}
}

// higashisumiyoshiHeaders gives the question numbers of each year's
// questionnaire.
func higashisumiyoshiHeaders(year int) []header {
	keys := []string{"sumitsuzuke", "anshin", "tsunagari", "joho", "iken", "joho_shudan"}
	first, step := 1, 1
	switch year {
	case 2021:
		first = 3
	case 2022:
		first, step = 2, 2
	case 2023:
		first, step = 4, 2
	}
	var hs []header
	for i, k := range keys {
		hs = append(hs, header{fmt.Sprintf("問%d", first+i*step), k})
	}
	return hs
}

// higashisumiyoshiWaves returns the 区民 waves of 令和2–5年度; mailed counts
// come from mailed(), and the 令和5年度 wave carries a weight column.
func higashisumiyoshiWaves(topics []*topic, mailed func() int) []*wave {
	attrs := []header{{"F1", "seibetsu"}, {"F2", "nendai"}, {"F3", "chiiki"}, {"F4", "kosodate"}}
	attrSet := []*attribute{attrNendai, attrSeibetsu, attrKosodate, higashisumiyoshiAreas}
	var ws []*wave
	for year := 2020; year <= 2023; year++ {
		m := mailed()
		w := &wave{
			id: fmt.Sprintf("higashisumiyoshi-kumin-%d", year), ward: higashisumiyoshi, year: year,
			yearText: fmt.Sprint(year), population: popResidents, mailed: m,
			minReturned: m * 26 / 100, maxReturned: m * 43 / 100, profile: residents, serialIDs: true,
			columns: waveColumns("回答者番号", attrs, higashisumiyoshiHeaders(year), attrSet, topics, nil, false),
		}
		switch year {
		case 2022:
			w.format, w.sheet = excelXLSX, "回答" // delivered as a workbook
		case 2023:
			w.columns = append(w.columns, column{header: "ウエイト", key: "weight", role: roleWeight,
				text: "性別・年代別の人口構成による補正ウエイト"})
		}
		ws = append(ws, w)
	}
	return ws
}

// higashisumiyoshiPlanText is 目標, 使命 and the 経営課題 of the 令和2年度 plan.
func higashisumiyoshiPlanText() plan {
	return plan{
		ward: higashisumiyoshi, planYear: higashisumiyoshiPlan,
		goal:    "子どもが輝き、みんながしあわせなまち～ゆめ・だんらん・ひがしすみよし～",
		mission: "区民一人ひとりの人権が尊重される社会の実現を基本に、「子育て層が住みたい、住み続けたいと思うまちづくり」「誰もが安心して心豊かに暮らせるまちづくり」「みんながつながるまちづくり」に取り組む。",
		issues: []string{
			"子育て層が住みたい、住み続けたいと思うまちづくりの推進",
			"誰もが安心して心豊かに暮らせるまちづくりの推進",
			"みんながつながるまちづくりの推進",
			"まちづくりの推進に向けた情報資産の共有化",
			"区民と共に創るまちづくりの推進",
		},
	}
}
