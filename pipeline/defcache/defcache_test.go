package defcache_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"github.com/shihyo/shihyo/pipeline/defcache"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// The data folders whose definitions are kept and read back: the sample
// and the pipeline's small fixture (shared choices, a multi question, a
// weight column).
var folders = []string{"../../data/sample", "../testdata/small"}

func conn(t *testing.T) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "db.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestKeptDefinitionsAreThoseRead(t *testing.T) {
	ctx := context.Background()
	for _, dir := range folders {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ds, err := input.Read(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			enc, err := defcache.Encode(ds)
			if err != nil {
				t.Fatal(err)
			}
			c := conn(t)
			if kept, err := defcache.Read(ctx, c, "k", dir); err != nil || kept != nil {
				t.Fatalf("Read before anything was kept = %v, %v; want nil, nil", kept, err)
			}
			if err := defcache.Write(ctx, c, "k", enc); err != nil {
				t.Fatal(err)
			}
			if kept, err := defcache.Read(ctx, c, "other", dir); err != nil || kept != nil {
				t.Fatalf("Read under another key = %v, %v; want nil, nil", kept, err)
			}
			kept, err := defcache.Read(ctx, c, "k", "/elsewhere")
			if err != nil || kept == nil {
				t.Fatalf("Read = %v, %v", kept, err)
			}
			if kept.Dir != "/elsewhere" {
				t.Errorf("Dir = %q, want the folder read now", kept.Dir)
			}
			kept.Dir = ds.Dir
			sameExported(t, ds, kept)
		})
	}
}

// sameExported fails unless every exported field of got is deeply equal
// to that of want (nil and empty told apart).
func sameExported(t *testing.T, want, got *model.Dataset) {
	t.Helper()
	w, g := reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem()
	for i := range w.NumField() {
		f := w.Type().Field(i)
		if f.IsExported() && !reflect.DeepEqual(w.Field(i).Interface(), g.Field(i).Interface()) {
			t.Errorf("kept %s differs from what was read:\n got %#v\nwant %#v", f.Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}

func TestKeyChangesWithWhatReadDependsOn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../testdata/small")); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	key := func() string {
		t.Helper()
		hashes, err := manifest.HashTree(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		return defcache.Key(dir, hashes, now)
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := key()
	if key() != base {
		t.Fatal("Key differs between two calls on the same folder")
	}
	write("responses/w2020.csv", "id\n1\n")
	if k := key(); k != base {
		t.Error("Key changed with a response file: those are read as their waves are loaded")
	}
	now = time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)
	if k := key(); k == base {
		t.Error("Key is the same in another 年度")
	}
	now = time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	if k := key(); k != base {
		t.Error("Key changed within the 年度")
	}
	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	hashes, err := manifest.HashTree(ctx, moved)
	if err != nil {
		t.Fatal(err)
	}
	if defcache.Key(moved, hashes, now) == base {
		t.Error("Key is the same for the folder moved: its warnings name their files by the old path")
	}
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, model.IndicatorsFile))
	if err != nil {
		t.Fatal(err)
	}
	write(model.IndicatorsFile, string(b)+"\n")
	edited := key()
	if edited == base {
		t.Error("Key is the same after indicators.csv changed")
	}
	// A link that leads nowhere is not hashed, but Read refuses it.
	if err := os.Symlink("nowhere.xlsx", filepath.Join(dir, "plans.xlsx")); err != nil {
		t.Fatal(err)
	}
	if key() == edited {
		t.Error("Key is the same with a dangling plans.xlsx beside plans.csv")
	}
}

func TestUndecodableKeptDefinitions(t *testing.T) {
	ctx := context.Background()
	c := conn(t)
	if err := defcache.Write(ctx, c, "k", []byte("not gob")); err != nil {
		t.Fatal(err)
	}
	if ds, err := defcache.Read(ctx, c, "k", "."); ds != nil || !errors.Is(err, defcache.ErrUndecodable) {
		t.Fatalf("Read = %v, %v; want ErrUndecodable", ds, err)
	}
}

// TestUnchangedAfterReading: the key still holds for the files as they are,
// and not once a definition file changed after the key was taken (a file
// edited while it was read).
func TestUnchangedAfterReading(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../testdata/small")); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	hashes, err := manifest.HashTree(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	key := defcache.Key(dir, hashes, now)
	if !defcache.Unchanged(ctx, dir, key, now) {
		t.Fatal("Unchanged is false for the folder the key was taken of")
	}
	if err := os.WriteFile(filepath.Join(dir, model.PlansFile), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if defcache.Unchanged(ctx, dir, key, now) {
		t.Error("Unchanged is true after plans.csv changed")
	}
}
