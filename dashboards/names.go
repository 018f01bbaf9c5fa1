package dashboards

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// osakaWards lists Osaka City's 24 wards in the city's own order, with the
// romaji used in file names, so that links stay readable and stable.
var osakaWards = []struct{ name, slug string }{
	{"北区", "kita"}, {"都島区", "miyakojima"}, {"福島区", "fukushima"},
	{"此花区", "konohana"}, {"中央区", "chuo"}, {"西区", "nishi"},
	{"港区", "minato"}, {"大正区", "taisho"}, {"天王寺区", "tennoji"},
	{"浪速区", "naniwa"}, {"西淀川区", "nishiyodogawa"}, {"淀川区", "yodogawa"},
	{"東淀川区", "higashiyodogawa"}, {"東成区", "higashinari"}, {"生野区", "ikuno"},
	{"旭区", "asahi"}, {"城東区", "joto"}, {"鶴見区", "tsurumi"},
	{"阿倍野区", "abeno"}, {"住之江区", "suminoe"}, {"住吉区", "sumiyoshi"},
	{"東住吉区", "higashisumiyoshi"}, {"平野区", "hirano"}, {"西成区", "nishinari"},
}

// wardOrder is the position of a known ward in osakaWards, or -1.
func wardOrder(ward string) int {
	name := strings.TrimPrefix(strings.TrimSpace(ward), "大阪市")
	for i, w := range osakaWards {
		if w.name == name {
			return i
		}
	}
	return -1
}

// wardSlug is the ASCII part of a ward's file names. Wards outside Osaka get
// a hash of their name instead of a position in a list, so that adding a
// ward never renames another ward's pages.
func wardSlug(ward string) string {
	if i := wardOrder(ward); i >= 0 {
		return osakaWards[i].slug
	}
	sum := sha256.Sum256([]byte(ward))
	return "w" + hex.EncodeToString(sum[:4])
}

// wardFile is the page of a ward.
func wardFile(ward string) string {
	return "ward-" + wardSlug(ward) + ".html"
}

// indicatorFile is the page of one indicator of one plan.
func indicatorFile(k indicatorKey) string {
	return fmt.Sprintf("indicator-%s-%d-%d-%d.html", wardSlug(k.Ward), k.PlanYear, k.IssueNo, k.IndicatorNo)
}

// lessWard orders wards as the city lists them, unknown wards after, by name.
func lessWard(a, b string) bool {
	oa, ob := wardOrder(a), wardOrder(b)
	switch {
	case oa >= 0 && ob >= 0:
		return oa < ob
	case oa >= 0 || ob >= 0:
		return oa >= 0
	}
	return a < b
}
