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
		"堺区":      "w0e72278e",
		"テスト区":    "w6cc1dfd1",
		"大阪市 鶴見区": "wa19658db",
	} {
		if got := Slug(ward); got != want {
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
	if Slug("北区") != "kita" {
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
	n := NewNamer(map[string]string{"堺区 ": "Sakai", "鶴見区": "tsurumi-ku"})
	for ward, want := range map[string]string{"堺区": "Sakai", "鶴見区": "tsurumi-ku", "大阪市鶴見区": "tsurumi", "北区": "kita"} {
		if got := n.Slug(ward); got != want {
			t.Errorf("Slug(%q) = %q; want %q", ward, got, want)
		}
	}
	if n.FileKey("堺区") != "sakai" {
		t.Errorf("FileKey(堺区) = %q; want lower case", n.FileKey("堺区"))
	}
	var zero Namer
	if zero.FileKey("大阪市鶴見区") != zero.FileKey("鶴見区") {
		t.Error("two spellings of 鶴見区 do not share a page name")
	}
}
