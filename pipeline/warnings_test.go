package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefreshGoesOnWithWarnings: a data folder with only warnings is
// refreshed and published; each warning is logged at level Warn and
// returned on the Result, and a second run over the same inputs (a no-op)
// reads nothing and so has none.
func TestRefreshGoesOnWithWarnings(t *testing.T) {
	var logs bytes.Buffer
	dir := t.TempDir()
	opts := Options{
		DataDir: overlay(t, "warn_labels_differ"), DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out"),
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	}
	res, err := Refresh(context.Background(), opts)
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if len(res.Warnings) != 4 || res.Warnings[0].File != filepath.Join(opts.DataDir, "choices.csv") || res.Warnings[0].Line != 18 {
		t.Fatalf("Result.Warnings = %v; want 4 from choices.csv:18", res.Warnings)
	}
	if _, err := os.Stat(filepath.Join(opts.Out, ActualsFile)); err != nil {
		t.Errorf("nothing published: %v", err)
	}
	var warned int
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "level=WARN") && strings.Contains(l, "line=") && strings.Contains(l, "choices.csv") {
			warned++
		}
	}
	if warned != 4 {
		t.Errorf("%d warnings logged; want 4:\n%s", warned, logs.String())
	}
	again, err := Refresh(context.Background(), opts)
	if err != nil || !again.NoOp || len(again.Warnings) != 0 {
		t.Errorf("second Refresh: NoOp %v, warnings %v, %v", again.NoOp, again.Warnings, err)
	}
}
