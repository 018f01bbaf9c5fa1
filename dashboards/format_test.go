package dashboards

import (
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

func TestFileNames(t *testing.T) {
	if got := wardFile("鶴見区"); got != "ward-tsurumi.html" {
		t.Errorf("wardFile(鶴見区) = %q", got)
	}
	if got := wardFile("大阪市東住吉区"); got != "ward-higashisumiyoshi.html" {
		t.Errorf("wardFile(大阪市東住吉区) = %q", got)
	}
	other := wardFile("堺区")
	if other != wardFile("堺区") || other == wardFile("北区") {
		t.Errorf("fallback name %q is not stable or collides", other)
	}
	k := model.IndicatorKey{Ward: "鶴見区", PlanYear: 2023, IssueNo: 3, IndicatorNo: 1}
	if got := indicatorFile(k); got != "indicator-tsurumi-2023-3-1.html" {
		t.Errorf("indicatorFile = %q", got)
	}
}
