package gen

// The answer wordings used by the questions.
var (
	scaleOmou     = scale{"そう思う", "どちらかといえばそう思う", "どちらかといえばそう思わない", "そう思わない"}
	scaleKanjiru  = scale{"感じる", "どちらかといえば感じる", "どちらかといえば感じない", "感じない"}
	scaleOkonau   = scale{"行っている", "どちらかといえば行っている", "どちらかといえば行っていない", "行っていない"}
	scaleDekiru   = scale{"できている", "どちらかといえばできている", "どちらかといえばできていない", "できていない"}
	scaleTorikumu = scale{"取り組んでいる", "どちらかといえば取り組んでいる", "どちらかといえば取り組んでいない", "取り組んでいない"}
	scaleSumitai  = scale{"住み続けたい", "どちらかといえば住み続けたい", "どちらかといえば住み続けたくない", "住み続けたくない"}
)

// dkCode is the code of わからない in every question.
const dkCode = 9

// choices lists the codes of a question: 1–4 in its wording, then 9 わからない.
func (s scale) choices() []choice {
	return []choice{
		{1, s[0]}, {2, s[1]}, {3, s[2]}, {4, s[3]}, {dkCode, "わからない"},
	}
}

// Respondent attributes of the 区民 waves. Older residents answer mail
// surveys more often, so the 年代 weights lean old.
var (
	attrNendai = &attribute{
		key:  "nendai",
		text: "あなたの年齢をお答えください",
		choices: []choice{
			{1, "18〜29歳"}, {2, "30歳代"}, {3, "40歳代"},
			{4, "50歳代"}, {5, "60歳代"}, {6, "70歳以上"},
		},
		weights: []float64{0.07, 0.11, 0.15, 0.17, 0.20, 0.30},
	}
	attrSeibetsu = &attribute{
		key:     "seibetsu",
		text:    "あなたの性別をお答えください",
		choices: []choice{{1, "男性"}, {2, "女性"}, {3, "その他・答えたくない"}},
		// 「その他・答えたくない・無回答」: no category of 男性 or 女性 can
		// honestly hold those who did not say.
		withBlank: 3,
	}
	attrKosodate = &attribute{
		key:     "kosodate",
		text:    "あなたは現在、子育て中ですか（18歳未満のお子さんと同居している）",
		choices: []choice{{1, "子育て中"}, {2, "子育て中ではない"}},
		// 「子育て中ではない・無回答」, so that a 無回答 under 10 does not
		// hide 子育て中 as its complement (docs/statistics.md §6.5). 年代
		// has none: no age band can honestly hold those who left it blank.
		withBlank: 2,
	}
	attrKoshu = &attribute{
		key:     "koshu",
		text:    "学校種別",
		choices: []choice{{1, "小学校"}, {2, "中学校"}},
	}
	attrShokui = &attribute{
		key:     "shokui",
		text:    "職名",
		choices: []choice{{1, "校長"}, {2, "教頭"}},
	}
)

// areaAttribute is the 地域 attribute of a ward: one code per name, in
// order, with the given weights (nil: equal shares).
func areaAttribute(text string, names []string, weights []float64) *attribute {
	a := &attribute{key: "chiiki", text: text, weights: weights}
	for i, n := range names {
		a.choices = append(a.choices, choice{i + 1, n})
	}
	return a
}

// header pairs a column header with the key it holds.
type header struct {
	name string
	key  string
}

// waveColumns builds the columns of a wave: the id column, the
// attributes named in attrs and the questions named in qs, attributes
// first unless attrsLast. Question texts get the prefix prefixes[i] when
// set (sub-question marks such as ①). A key missing from attrSet or
// topics leaves a nil attr or topic, which dataset.check reports.
func waveColumns(id string, attrs, qs []header, attrSet []*attribute,
	topics []*topic, prefixes []string, attrsLast bool) []column {
	cols := []column{{header: id, key: "id", role: roleID, text: "回答者番号"}}
	var a, q []column
	for _, h := range attrs {
		at := findAttribute(attrSet, h.key)
		var text string
		if at != nil {
			text = at.text
		}
		a = append(a, column{header: h.name, key: h.key, role: roleAttribute, text: text, attr: at})
	}
	for i, h := range qs {
		t := findTopic(topics, h.key)
		var text string
		if t != nil {
			text = t.text
		}
		if i < len(prefixes) {
			text = prefixes[i] + text
		}
		r := roleQuestion
		if t != nil && t.options != nil {
			r = roleMulti
		}
		q = append(q, column{header: h.name, key: h.key, role: r, text: text, topic: t})
	}
	if attrsLast {
		return append(append(cols, q...), a...)
	}
	return append(append(cols, a...), q...)
}

// findTopic returns the topic of that key, or nil.
func findTopic(topics []*topic, key string) *topic {
	for _, t := range topics {
		if t.key == key {
			return t
		}
	}
	return nil
}

// findAttribute returns the attribute of that key, or nil.
func findAttribute(attrs []*attribute, key string) *attribute {
	for _, a := range attrs {
		if a.key == key {
			return a
		}
	}
	return nil
}
