package header

import (
	"reflect"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
)

func read(text, ward string, year int) Header {
	return Read(paragraph.Split(text), ward, year)
}

// TestReadTitles: a plan's title, a vision's with its period, and failing
// both the year of the 区運営の基本的な考え方; a year after its era ended
// (平成32年度) makes no title.
func TestReadTitles(t *testing.T) {
	for text, want := range map[string]Header{
		"令和５年度　鶴見区運営方針\n\n本文":   {Ward: "鶴見区", Year: 2023},
		"平成31年度 大阪市東住吉区運営方針(案)": {Ward: "東住吉区", Year: 2019},
		"「鶴見区将来ビジョン（2023年度～2027年度）」を策定しました": {Vision: true, Ward: "鶴見区", Year: 2023, From: 2023, To: 2027,
			Notes: []string{"将来ビジョンの期間 (1行目) の初年度 2023 を年度としました"}},
		"令和元年度 区運営の基本的な考え方\n\n平成32年度 鶴見区運営方針": {Year: 2019,
			Notes: []string{"区名が本文にありません: 区名を指定してください", "題名に年度がなく、1行目の「令和元年度 区運営の基本的な考え方」から 2019 年度としました"}},
	} {
		if got := read(text, "", 0); !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", text, got, want)
		}
	}
}

// TestReadCallerFirst: the caller's ward and year take precedence, and a
// difference from the title is noted; what neither states is noted too.
func TestReadCallerFirst(t *testing.T) {
	h := read("令和５年度　鶴見区運営方針", "東住吉区", 2024)
	if h.Ward != "東住吉区" || h.Year != 2024 || len(h.Notes) != 2 ||
		!strings.Contains(h.Notes[0], "本文の区名は鶴見区 (1行目)") || !strings.Contains(h.Notes[1], "本文の年度は令和5年度 (2023)") {
		t.Errorf("got %+v", h)
	}
	if h := read("令和５年度　鶴見区運営方針", "鶴見区", 2023); len(h.Notes) != 0 {
		t.Errorf("the same ward and year, yet: %q", h.Notes)
	}
	if h := read("本文だけ", "", 0); len(h.Notes) != 2 || !strings.Contains(h.Notes[1], "年度が本文にありません") {
		t.Errorf("no title: %q", h.Notes)
	}
}

func TestPeriodEnd(t *testing.T) {
	if to, ok := PeriodEnd("地域保健福祉ビジョン(2023年度~2030年度)に基づき"); !ok || to != 2030 {
		t.Errorf("PeriodEnd = %d, %v", to, ok)
	}
	if _, ok := PeriodEnd("令和５年度　鶴見区運営方針"); ok {
		t.Error("a plan's title names no period")
	}
}
