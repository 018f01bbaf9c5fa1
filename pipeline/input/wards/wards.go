// Package wards knows the wards shihyo publishes pages for: the page name
// (slug) each ward's files are named with, and the order in which wards are
// listed. The dashboards name their files with it, and validation refuses
// two spellings of wards that would share a page, so both apply the same
// rules.
//
// A Namer holds the rules. Its zero value is what shihyo does today:
// Osaka City's romaji for the city's 24 wards, a hash of the name for any
// other ward. NewNamer adds slugs chosen by staff (for an optional slug
// column in the inputs), which win over both; the dashboards and the
// collision check then only need the same Namer.
package wards

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
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
// applies the built-in rules; a Namer is safe for concurrent use, as it is
// never changed after NewNamer.
type Namer struct {
	chosen map[string]string // ward as written → slug chosen by staff
}

// NewNamer returns a Namer that names each ward of chosen (spelled as in
// the inputs, trimmed) with its slug, and every other ward as the zero
// Namer does. The caller checks the slugs (ASCII, unique); chosen is
// copied.
func NewNamer(chosen map[string]string) Namer {
	m := make(map[string]string, len(chosen))
	for w, s := range chosen {
		m[strings.TrimSpace(w)] = s
	}
	return Namer{chosen: m}
}

// Slug returns the ASCII part of ward's file names: the slug chosen for
// it, else the city's romaji, else "w" and a hash of the name. A ward
// outside the list gets a hash rather than a position, so that adding a
// ward never renames another ward's pages.
func (n Namer) Slug(ward string) string {
	if s, ok := n.chosen[strings.TrimSpace(ward)]; ok {
		return s
	}
	if i := Order(ward); i >= 0 {
		return osaka[i].Slug
	}
	sum := sha256.Sum256([]byte(ward))
	return "w" + hex.EncodeToString(sum[:4])
}

// FileKey returns what two wards' page names are compared by: the slug in
// lower case, since the published folder is often copied to a Windows
// share, where Tsurumi and tsurumi are one file. Two different spellings
// with the same FileKey would overwrite each other's pages.
func (n Namer) FileKey(ward string) string {
	return strings.ToLower(n.Slug(ward))
}

// Slug is the zero Namer's Slug.
func Slug(ward string) string { return Namer{}.Slug(ward) }
