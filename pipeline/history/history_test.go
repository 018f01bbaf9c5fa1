package history

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

// TestErrorTextHidesServerPaths: status.html is published, so the errors
// it shows must not give away where the server keeps its files, whichever
// of the refresh's folders they name.
func TestErrorTextHidesServerPaths(t *testing.T) {
	root := t.TempDir()
	at := func(parts ...string) string { return filepath.Join(append([]string{root}, parts...)...) }
	opts := Folders{Data: at("data"), DB: at("db", "shihyo.duckdb"), Out: at("www", "site")}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"staging folder",
			fmt.Errorf("write site: %w", &fs.PathError{Op: "open", Path: at("www", ".site.new-123", "index.html"), Err: syscall.EACCES}),
			"write site: open .site.new-123/index.html: permission denied"},
		{"output folder",
			fmt.Errorf("publish %s: %w", at("www", "site"), syscall.EXDEV),
			"publish site: invalid cross-device link"},
		{"database folder",
			fmt.Errorf(`open database: IO Error: Could not set lock on file "%s": Conflicting lock`, at("db", "shihyo.runs.duckdb")),
			`open database: IO Error: Could not set lock on file "shihyo.runs.duckdb": Conflicting lock`},
		{"database WAL",
			fmt.Errorf("checkpoint %s.wal: disk full", opts.DB),
			"checkpoint shihyo.duckdb.wal: disk full"},
		{"data folder itself",
			fmt.Errorf("データフォルダ「%s」がありません", opts.Data),
			"データフォルダ「data」がありません"},
		{"data file",
			fmt.Errorf("read: %w", &fs.PathError{Op: "open", Path: at("data", "responses", "w2020.csv"), Err: syscall.ENOENT}),
			"read: open responses/w2020.csv: no such file or directory"},
		{"input problems",
			input.Problems{
				{File: at("data", "responses", "w2020.csv"), Line: 18, Msg: "コードが不正です"},
				{File: at("data", "indicators.csv"), Line: 4, Msg: "空です"},
			},
			"responses/w2020.csv:18: コードが不正です\nindicators.csv:4: 空です"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ErrorText(opts, c.err)
			if got != Explained(c.want) {
				t.Errorf("errorText = %q; want %q", got, c.want)
			}
			if strings.Contains(got, root) {
				t.Errorf("errorText = %q still names %s", got, root)
			}
		})
	}
}

// TestShortenPathsLeavesOtherPaths: only paths under the refresh's folders
// are shortened, and only whole path elements match.
func TestShortenPathsLeavesOtherPaths(t *testing.T) {
	root := t.TempDir()
	opts := Folders{Data: filepath.Join(root, "data"), DB: filepath.Join(root, "db", "x.duckdb"), Out: filepath.Join(root, "www", "site")}
	for _, text := range []string{
		"open /usr/lib/libduckdb.so: not found",
		"open " + filepath.Join(root, "www2", "x") + ": denied",   // a sibling sharing a prefix
		"open " + filepath.Join("/mnt", root, "www", "x") + ": x", // the folder inside another path
	} {
		if got := opts.Shorten(text); got != text {
			t.Errorf("shortenPaths(%q) = %q; want it unchanged", text, got)
		}
	}
}

// TestShortenPathsRelativeOptions: with the default, relative paths the
// folders are those of the working directory.
func TestShortenPathsRelativeOptions(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cwd, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	opts := Folders{Data: "data", DB: "shihyo.duckdb", Out: "out"}
	err = errors.Join(
		&fs.PathError{Op: "open", Path: filepath.Join(cwd, ".out.new-42", "index.html"), Err: syscall.ENOSPC},
		&fs.PathError{Op: "open", Path: filepath.Join(cwd, "data", "surveys.csv"), Err: syscall.ENOENT},
	)
	got := ErrorText(opts, err)
	want := Explained("open .out.new-42/index.html: no space left on device\nopen surveys.csv: no such file or directory")
	if got != want || strings.Contains(got, cwd) {
		t.Errorf("errorText = %q; want %q", got, want)
	}
}

// TestExplained: an error without Japanese (the system's, a library's) is
// said to be no input problem; a message in Japanese is left as it is.
func TestExplained(t *testing.T) {
	if got := Explained("write out/index.html: no space left on device"); !strings.HasPrefix(got, "エラーが起きました (入力データの問題ではありません。") ||
		!strings.HasSuffix(got, ": write out/index.html: no space left on device") {
		t.Errorf("Explained(English) = %q", got)
	}
	const ja = "データベース a.duckdb は別のプロセスが更新中です"
	if got := Explained(ja); got != ja {
		t.Errorf("Explained(Japanese) = %q", got)
	}
}
