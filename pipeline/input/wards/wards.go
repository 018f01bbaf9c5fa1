// Package wards knows the wards shihyo publishes pages for: the page name
// (slug) each ward's files are named with, and the order in which wards are
// listed. The dashboards name their files with it, and validation refuses
// two spellings of wards that would share a page, so both apply the same
// rules.
//
// A Namer holds the rules: the slug staff chose for a ward (the optional
// slug column of plans.csv and surveys.csv) first, then Osaka City's romaji
// for the city's 24 wards, then, for any other ward, a readable numbered
// name (ku1, ku2, … in the order Less lists them): a kanji name has no
// romaji without its reading, which shihyo does not have, and a hash would
// make links unreadable. The dashboards, the status page and the collision
// check use the same Namer, built from every ward of the inputs.
package wards

import (
	"slices"
	"strconv"
	"strings"
)

// A Ward is one of Osaka City's wards with the romaji of its file names.
type Ward struct {
	Name string // 鶴見区
	Slug string // tsurumi
}

// osaka lists Osaka City's 24 wards in the city's own order, with the
// romaji used in file names, so that links stay readable and stable.
var osaka = []Ward{
	{"北区", "kita"}, {"都島区", "miyakojima"}, {"福島区", "fukushima"},
	{"此花区", "konohana"}, {"中央区", "chuo"}, {"西区", "nishi"},
	{"港区", "minato"}, {"大正区", "taisho"}, {"天王寺区", "tennoji"},
	{"浪速区", "naniwa"}, {"西淀川区", "nishiyodogawa"}, {"淀川区", "yodogawa"},
	{"東淀川区", "higashiyodogawa"}, {"東成区", "higashinari"}, {"生野区", "ikuno"},
	{"旭区", "asahi"}, {"城東区", "joto"}, {"鶴見区", "tsurumi"},
	{"阿倍野区", "abeno"}, {"住之江区", "suminoe"}, {"住吉区", "sumiyoshi"},
	{"東住吉区", "higashisumiyoshi"}, {"平野区", "hirano"}, {"西成区", "nishinari"},
}

// Osaka returns Osaka City's 24 wards in the city's order. The slice is a
// copy: changing it changes nothing here.
func Osaka() []Ward { return slices.Clone(osaka) }

// Order returns the position of ward in the city's order, or -1 for a ward
// that is not one of Osaka City's. Surrounding spaces and a leading 大阪市
// are ignored, so 大阪市鶴見区 and 鶴見区 are the same position: they are
// two spellings of one ward, and also get the same page name.
func Order(ward string) int {
	name := strings.TrimPrefix(strings.TrimSpace(ward), "大阪市")
	for i, w := range osaka {
		if w.Name == name {
			return i
		}
	}
	return -1
}

// Less orders wards as the city lists them, other wards after, by name.
func Less(a, b string) bool {
	oa, ob := Order(a), Order(b)
	switch {
	case oa >= 0 && ob >= 0:
		return oa < ob
	case oa >= 0 || ob >= 0:
		return oa >= 0
	}
	return a < b
}

// A Namer gives wards their page names. The zero Namer is ready to use and
// knows Osaka's wards only; a Namer is safe for concurrent use, as it is
// never changed after NewNamer.
type Namer struct {
	chosen   map[string]string // ward as written → slug chosen by staff
	numbered map[string]string // other wards → ku1, ku2, …
}

// Numbered is the prefix of the page names of wards that are neither
// Osaka's nor given a slug: ku1, ku2, …; a ward a Namer was not told of
// gets the prefix alone.
const Numbered = "ku"

// NewNamer returns a Namer that names each ward of chosen (spelled as in
// the inputs, trimmed) with its slug, each of Osaka's with its romaji, and
// every other ward of all ku1, ku2, … in the order Less lists them,
// skipping a name a chosen slug already takes. The caller checks the
// slugs (ASCII, unique); chosen is copied. The numbers depend only on the
// set of wards, not on the order of the files: a new ward can renumber
// those after it, which its own slug avoids.
func NewNamer(chosen map[string]string, all []string) Namer {
	n := Namer{chosen: make(map[string]string, len(chosen)), numbered: map[string]string{}}
	taken := map[string]bool{}
	for w, s := range chosen {
		n.chosen[strings.TrimSpace(w)] = s
		taken[strings.ToLower(s)] = true
	}
	others := slices.Clone(all)
	slices.SortFunc(others, func(a, b string) int { return strings.Compare(strings.TrimSpace(a), strings.TrimSpace(b)) })
	next := 1
	for _, w := range slices.Compact(others) {
		w = strings.TrimSpace(w)
		if _, ok := n.chosen[w]; ok || Order(w) >= 0 || n.numbered[w] != "" || w == "" {
			continue
		}
		for taken[Numbered+strconv.Itoa(next)] {
			next++
		}
		n.numbered[w] = Numbered + strconv.Itoa(next)
		next++
	}
	return n
}

// Slug returns the ASCII part of ward's file names: the slug chosen for
// it, else the city's romaji, else its number (ku1).
func (n Namer) Slug(ward string) string {
	w := strings.TrimSpace(ward)
	if s, ok := n.chosen[w]; ok {
		return s
	}
	if i := Order(w); i >= 0 {
		return osaka[i].Slug
	}
	if s, ok := n.numbered[w]; ok {
		return s
	}
	return Numbered
}

// IsNumbered reports whether ward is named by its number: neither chosen
// by staff nor one of Osaka's.
func (n Namer) IsNumbered(ward string) bool {
	_, ok := n.numbered[strings.TrimSpace(ward)]
	return ok
}

// FileKey returns what two wards' page names are compared by: the slug in
// lower case, since the published folder is often copied to a Windows
// share, where Tsurumi and tsurumi are one file. Two different spellings
// with the same FileKey would overwrite each other's pages.
func (n Namer) FileKey(ward string) string {
	return strings.ToLower(n.Slug(ward))
}
