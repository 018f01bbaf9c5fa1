package dashboards

import (
	"context"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	dir := os.Getenv("DUMP_DIR")
	if dir == "" {
		t.Skip()
	}
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o755)
	if err := Render(context.Background(), dir, testSite()); err != nil {
		t.Fatal(err)
	}
}
