package sitedir

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckStrays(t *testing.T) {
	own := func(rel string) bool { return rel == "status.html" }
	marked := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "site")
		write(t, filepath.Join(dir, "index.html"), "x")
		write(t, filepath.Join(dir, "assets", "style.css"), "x")
		if err := WriteMarker(dir); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "status.html"), "written after the marker")
		return dir
	}
	t.Run("as published", func(t *testing.T) {
		dir := marked(t)
		if err := CheckStrays(dir, own); err != nil {
			t.Errorf("CheckStrays = %v; want nil", err)
		}
	})
	t.Run("files put there by hand", func(t *testing.T) {
		dir := marked(t)
		write(t, filepath.Join(dir, "メモ.txt"), "x")
		write(t, filepath.Join(dir, "assets", "達成状況.xlsx"), "x")
		var se *StrayError
		err := CheckStrays(dir, own)
		if !errors.As(err, &se) || !slices.Equal(se.Files, []string{"assets/達成状況.xlsx", "メモ.txt"}) {
			t.Fatalf("CheckStrays = %v; want a *StrayError naming both files", err)
		}
		if !strings.Contains(err.Error(), "別の場所へ移して") {
			t.Errorf("message %q says not what to do", err)
		}
	})
	t.Run("more than three", func(t *testing.T) {
		dir := marked(t)
		for _, f := range []string{"a", "b", "c", "d", "e"} {
			write(t, filepath.Join(dir, f+".txt"), "x")
		}
		if err := CheckStrays(dir, own); err == nil || !strings.Contains(err.Error(), "a.txt、b.txt、c.txt ほか 2 件") {
			t.Errorf("CheckStrays = %v; want three named and two counted", err)
		}
	})
	t.Run("a marker of an earlier version lists nothing", func(t *testing.T) {
		dir := marked(t)
		write(t, filepath.Join(dir, MarkerFile), markerText)
		write(t, filepath.Join(dir, "メモ.txt"), "x")
		if err := CheckStrays(dir, own); err != nil {
			t.Errorf("CheckStrays = %v; want nil (nothing to tell its files by)", err)
		}
	})
	t.Run("no site", func(t *testing.T) {
		if err := CheckStrays(filepath.Join(t.TempDir(), "none"), own); err != nil {
			t.Errorf("CheckStrays = %v; want nil", err)
		}
	})
}

func TestSiteAround(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "out")
	if err := os.MkdirAll(filepath.Join(site, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarker(site); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		site:                                     site, // a partitioned export's folder
		filepath.Join(site, "a.xlsx"):            site,
		filepath.Join(site, "assets", "a.csv"):   site,
		filepath.Join(site, "new", "b", "c.csv"): site,
		filepath.Join(root, "a.xlsx"):            "",
	} {
		if got, ok := SiteAround(p); got != want || ok != (want != "") {
			t.Errorf("SiteAround(%s) = %q, %v; want %q", p, got, ok, want)
		}
	}
}
