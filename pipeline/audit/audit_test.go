package audit

import (
	"context"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

func linked(t *testing.T) Structure {
	t.Helper()
	ds, err := input.Read(context.Background(), "testdata/linked")
	if err != nil {
		t.Fatal(err)
	}
	return FromDataset(ds)
}

// TestOldSiteLeaks: the site the old rule published for testdata/linked
// gives away each of the three patterns of issue 12.
func TestOldSiteLeaks(t *testing.T) {
	f, err := Run("testdata/old-site", linked(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range f {
		t.Logf("%s N=%d", x.Message(), x.N)
	}
}
