package input

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// TestEachStreamsWaves: responses.Each hands the waves over one at a time
// in surveys.csv order; after a wave with a defect it hands over no more
// (a refresh with defects loads nothing) but still reads and reports every
// file's defects; an error of the callback stops the reading.
func TestEachStreamsWaves(t *testing.T) {
	ctx := context.Background()
	dir := copySmall(t)
	ds, err := Read(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	each := func(w *model.Wave) error { got = append(got, w.Survey.ID); return nil }
	if err := responses.Each(ctx, ds, ds.Surveys, each); err != nil || !slices.Equal(got, []string{"w2020", "w2021", "w2022", "wx"}) {
		t.Fatalf("Each = %v, waves %v", err, got)
	}
	p := filepath.Join(dir, "responses", "w2022.csv")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "\n2,2,4,", "\n2,2,7,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	got = nil
	err = responses.Each(ctx, ds, ds.Surveys, each)
	if probs, ok := AsProblems(err); !ok || len(probs) != 1 || probs[0].Line != 3 {
		t.Errorf("Each = %v; want the one problem of w2022.csv at line 3", err)
	}
	if !slices.Equal(got, []string{"w2020", "w2021"}) {
		t.Errorf("waves handed over %v; want those before the defect", got)
	}
	stop := errors.New("stop")
	got = nil
	err = responses.Each(ctx, ds, ds.Surveys, func(w *model.Wave) error { got = append(got, w.Survey.ID); return stop })
	if !errors.Is(err, stop) || len(got) != 1 {
		t.Errorf("Each = %v after %v; want the callback's error after one wave", err, got)
	}
}
