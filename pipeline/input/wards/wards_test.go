package wards

import (
	"slices"
	"testing"
)

// TestSlugsStayTheSame pins the page names already published: a change
// would break every bookmark and link staff keep.
func TestSlugsStayTheSame(t *testing.T) {
	for ward, want := range map[string]string{
		"鶴見区":     "tsurumi",
		" 鶴見区 ":   "tsurumi",
		"大阪市東住吉区": "higashisumiyoshi",
		"北区":      "kita",
		"西成区":     "nishinari",
	} {
		if got := (Namer{}).Slug(ward); got != want {
			t.Errorf("Slug(%q) = %q; want %q", ward, got, want)
		}
	}
}

func TestOsaka(t *testing.T) {
	list := Osaka()
	if len(list) != 24 || list[0].Name != "北区" || list[23].Name != "西成区" {
		t.Fatalf("Osaka() = %d wards from %v to %v", len(list), list[0], list[len(list)-1])
	}
	seen := map[string]bool{}
	for i, w := range list {
		if seen[w.Slug] {
			t.Errorf("slug %q twice", w.Slug)
		}
		seen[w.Slug] = true
		if Order(w.Name) != i || Order("大阪市"+w.Name) != i {
			t.Errorf("Order(%s) = %d; want %d", w.Name, Order(w.Name), i)
		}
	}
	list[0].Slug = "changed"
	if (Namer{}).Slug("北区") != "kita" {
		t.Error("changing the copy changed the list")
	}
}

func TestLess(t *testing.T) {
	got := []string{"東住吉区", "堺区", "鶴見区", "あ区", "北区"}
	slices.SortFunc(got, func(a, b string) int {
		switch {
		case Less(a, b):
			return -1
		case Less(b, a):
			return 1
		}
		return 0
	})
	want := []string{"北区", "鶴見区", "東住吉区", "あ区", "堺区"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted %v; want %v", got, want)
	}
}

func TestNamer(t *testing.T) {
	n := NewNamer(map[string]string{"堺区 ": "sakai", "鶴見区": "tsurumi-ku", "北区 (堺市)": "ku1"},
		[]string{"堺区", "鶴見区", "大阪市鶴見区", "北区", "美原区", "中区", "北区 (堺市)", "中区"})
	for ward, want := range map[string]string{
		"堺区": "sakai", "鶴見区": "tsurumi-ku", "大阪市鶴見区": "tsurumi", "北区": "kita", "北区 (堺市)": "ku1",
		// Neither chosen nor Osaka's: numbered by name, skipping ku1, taken.
		"中区": "ku2", "美原区": "ku3", "知らない区": "ku",
	} {
		if got := n.Slug(ward); got != want {
			t.Errorf("Slug(%q) = %q; want %q", ward, got, want)
		}
	}
	if !n.IsNumbered("中区") || n.IsNumbered("堺区") || n.IsNumbered("北区") {
		t.Error("IsNumbered")
	}
	// The numbers follow the set of wards, not the order given.
	m := NewNamer(nil, []string{"美原区", "中区"})
	if m.Slug("中区") != "ku1" || m.Slug("美原区") != "ku2" {
		t.Errorf("numbered in the order given: %s %s", m.Slug("中区"), m.Slug("美原区"))
	}
	var zero Namer
	if zero.FileKey("大阪市鶴見区") != zero.FileKey("鶴見区") {
		t.Error("two spellings of 鶴見区 do not share a page name")
	}
}
