package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefreshGoesOnWithWarnings: a data folder with only warnings is
// refreshed and published; each warning is logged at level Warn and
// returned on the Result, and a second run over the same inputs (a no-op)
// reads nothing and so has none; a third, after a response file changed,
// has the same warnings from the definitions it kept.
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
	// A response file edited: the definitions kept (package defcache) bring
	// their warnings with them.
	files, err := filepath.Glob(filepath.Join(opts.DataDir, "responses", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no response file: %v", err)
	}
	f, err := os.OpenFile(files[0], os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString("\n")
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
	third, err := Refresh(context.Background(), opts)
	if err != nil || !third.KeptDefinitions || fmt.Sprint(third.Warnings) != fmt.Sprint(res.Warnings) {
		t.Errorf("third Refresh: kept definitions %v, warnings %v, %v; want the first run's %v", third.KeptDefinitions, third.Warnings, err, res.Warnings)
	}
}
