package main

// Tests of the published folder as a deployment has it: folders that are
// not shihyo's, read-only folders, leftovers that cannot be removed. They
// run shihyo as a real process; where permission bits must stop it, as an
// unprivileged user (root, as in CI, ignores them).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/internal/sitetest"
)

// nobody is the unprivileged user shihyo runs as when the tests run as
// root, whom permission bits do not stop.
const nobody = 65534

// unprivileged prepares the deployment f to be refreshed as nobody when
// the tests run as root: the test's folders and the binary's are handed
// over to nobody. It returns the credential to run with, nil when the
// tests do not run as root (they are unprivileged already).
func unprivileged(t *testing.T, f folders) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	// The deployment lives under the test's own temporary folder.
	root := filepath.Dir(filepath.Dir(f.data))
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, nobody, nobody)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(binary(t)), 0o755); err != nil {
		t.Fatal(err)
	}
	return &syscall.Credential{Uid: nobody, Gid: nobody}
}

// shihyoAs runs shihyo with args as the user of cred (nil: this one).
func shihyoAs(t *testing.T, cred *syscall.Credential, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run shihyo %v: %v", args, err)
	}
	return result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// editSmall changes respondent 2 of the 2020 wave, so that the next refresh
// has work to do.
func editSmall(t *testing.T, f folders, old, new string) {
	t.Helper()
	p := filepath.Join(f.data, "responses", "w2020.csv")
	b, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(b, []byte(old)) {
		t.Fatalf("edit w2020.csv: %v", err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sumOf(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// leftovers lists what a refresh left beside the published folder, its
// lock (kept on purpose, like the database's) aside.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	all, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*"))
	var left []string
	for _, p := range all {
		if p != filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock") {
			left = append(left, p)
		}
	}
	return left
}

// TestReadOnlySiteIsNotAWedge: a published folder that cannot be written
// (here its mode is 0555). The refresh is refused before it loads anything:
// exit 1 with a message saying which folder and what to do, the site and
// the database exactly as they were, nothing left beside them. Once the
// folder is writable again, the next refresh publishes.
func TestReadOnlySiteIsNotAWedge(t *testing.T) {
	f := newFolders(t, small)
	f.mustRefresh(t)
	editSmall(t, f, "\n2,1,3", "\n2,1,1")
	cred := unprivileged(t, f)
	site, db := sitetest.Files(t, f.out, nil), sumOf(t, f.db)
	if err := os.Chmod(f.out, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(f.out, 0o755)
	r := shihyoAs(t, cred, f.args("refresh")...)
	if r.code != exitFailure || !strings.Contains(r.stderr, "書き込めない") || !strings.Contains(r.stderr, "権限を直して") {
		t.Fatalf("refresh into a read-only folder: exit %d; want 1 and a clear message\n%s", r.code, r.stderr)
	}
	if got := sitetest.Files(t, f.out, nil); !maps.Equal(got, site) {
		t.Error("the refused refresh changed the published site")
	}
	if sumOf(t, f.db) != db {
		t.Error("the refused refresh changed the database")
	}
	if left := leftovers(t, f.out); len(left) > 0 {
		t.Errorf("left beside the site: %v", left)
	}
	if err := os.Chmod(f.out, 0o755); err != nil {
		t.Fatal(err)
	}
	r = shihyoAs(t, cred, f.args("refresh")...)
	if r.code != exitOK || !strings.Contains(r.stderr, "reloaded=w2020") {
		t.Fatalf("refresh once the folder is writable: exit %d\n%s", r.code, r.stderr)
	}
	if left := leftovers(t, f.out); len(left) > 0 {
		t.Errorf("left beside the site: %v", left)
	}
}

// TestUnremovableLeftoverIsAWarning: a staging folder left by an earlier
// run that cannot be removed (read-only, a file inside) does not stop the
// refresh: it is logged as a warning, and removed by the first refresh
// after it can be. The leftover has the name of a version before the one
// temporary-name scheme (.out.new-*); one of the current scheme
// (.out.tmp-*), removable, goes at the first refresh.
func TestUnremovableLeftoverIsAWarning(t *testing.T) {
	f := newFolders(t, small)
	f.mustRefresh(t)
	if err := os.MkdirAll(filepath.Join(filepath.Dir(f.out), ".out.tmp-456"), 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(filepath.Dir(f.out), ".out.new-123")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, "index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	editSmall(t, f, "\n2,1,3", "\n2,1,1")
	cred := unprivileged(t, f)
	if err := os.Chmod(stale, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(stale, 0o755)
	r := shihyoAs(t, cred, f.args("refresh")...)
	if r.code != exitOK || !strings.Contains(r.stderr, "level=WARN") || !strings.Contains(r.stderr, "削除できません") {
		t.Fatalf("refresh beside an unremovable leftover: exit %d; want 0 and a warning\n%s", r.code, r.stderr)
	}
	checkWhole(t, f.out, sitetest.Files(t, f.out, nil))
	if _, err := os.Stat(filepath.Join(filepath.Dir(f.out), ".out.tmp-456")); !os.IsNotExist(err) {
		t.Errorf("a removable temporary of the current scheme was left (stat: %v)", err)
	}
	if err := os.Chmod(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	editSmall(t, f, "\n2,1,1", "\n2,1,3")
	if r := shihyoAs(t, cred, f.args("refresh")...); r.code != exitOK {
		t.Fatalf("refresh: exit %d\n%s", r.code, r.stderr)
	}
	if left := leftovers(t, f.out); len(left) > 0 {
		t.Errorf("left beside the site: %v", left)
	}
}

// TestCommandsRefuseWhatIsNotOurs: refresh, schedule and serve given the
// data folder (or a folder holding a database) where the published folder
// belongs exit 1 at once with a Japanese message, and every file is left
// as it was. The schedule daemon refuses at start, not at its first run.
func TestCommandsRefuseWhatIsNotOurs(t *testing.T) {
	f := newFolders(t, small)
	f.mustRefresh(t)
	root := filepath.Dir(filepath.Dir(f.data))
	backup := filepath.Join(root, "backup")
	if err := os.MkdirAll(backup, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backup, "shihyo.duckdb"), []byte("an old copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"refresh into the data folder", []string{"refresh", "--data", f.data, "--db", f.db, "--out", f.data}, "データフォルダ"},
		{"refresh into a parent of the data folder", []string{"refresh", "--data", f.data, "--db", f.db, "--out", root}, "公開フォルダ"},
		{"refresh into a folder of backups", []string{"refresh", "--data", f.data, "--db", f.db, "--out", backup}, "データベース (shihyo.duckdb) があります"},
		{"refresh with the database in the data folder", []string{"refresh", "--data", f.data,
			"--db", filepath.Join(f.data, "x.duckdb"), "--out", f.out}, "の中にあります"},
		{"schedule into the data folder", []string{"schedule", "--data", f.data, "--db", f.db, "--out", f.data}, "データフォルダ"},
		{"serve the data folder", []string{"serve", "--out", f.data, "--addr", "127.0.0.1:0"}, "配信しません"},
		{"serve a folder of backups", []string{"serve", "--out", backup, "--addr", "127.0.0.1:0"}, "配信しません"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := everything(t, root)
			p := start(t, c.args...)
			code := p.wait(t, time.Minute) // a daemon or server that started would not exit
			if code != exitFailure || !strings.Contains(p.stderr(), c.want) {
				t.Errorf("exit %d; want 1 and %q\n%s", code, c.want, p.stderr())
			}
			if !maps.Equal(everything(t, root), before) {
				t.Error("a refused command changed files")
			}
		})
	}
}

// everything is every file under root with its content; the lock files
// and the run history, which a refused run may write, aside.
func everything(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, ".runs.duckdb") || strings.HasSuffix(p, ".lock") {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestTwoDatabasesOneFolder: while a refresh of one database publishes into
// a folder, a refresh of another database into the same folder is refused
// at once, naming the folder and the first process, and the first one
// completes (it used to find its staging folder removed by the second and
// fail after its COMMIT). The first is stopped with SIGSTOP while it holds
// the locks, so it cannot finish first however slow the second is.
func TestTwoDatabasesOneFolder(t *testing.T) {
	f := scale(t)
	other := f
	other.db = filepath.Join(filepath.Dir(f.db), "other.duckdb")
	first := start(t, f.args("refresh")...)
	pid := first.cmd.Process.Pid
	waitHolder(t, f.db, pid)
	if !first.waitLog("変更を確認しました", 2*time.Minute) {
		t.Fatalf("the first refresh did not start loading\n%s", first.stderr())
	}
	if err := first.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	second := other.refresh(t)
	want := fmt.Sprintf("PID %d, shihyo refresh", pid)
	if second.code != exitFailure || !strings.Contains(second.stderr, "公開フォルダ "+f.out) ||
		!strings.Contains(second.stderr, want) || !strings.Contains(second.stderr, f.db) {
		t.Errorf("second refresh: exit %d; want 1 naming %s, %q and %s\n%s", second.code, f.out, want, f.db, second.stderr)
	}
	if err := first.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if code := first.wait(t, 2*time.Minute); code != exitOK {
		t.Errorf("first refresh: exit %d\n%s", code, first.stderr())
	}
	checkWhole(t, f.out, sitetest.Files(t, f.out, nil))
}

// TestPartitionLeftoverIsAWarning: an export --force of a partitioned
// Parquet folder puts the new folder in place whole; when the previous
// one cannot be removed afterwards (a read-only folder in it), that is a
// warning, as for the published site, not a failure: exit 0, the new
// export there.
func TestPartitionLeftoverIsAWarning(t *testing.T) {
	f := newFolders(t, small)
	f.mustRefresh(t)
	parts := filepath.Join(filepath.Dir(f.out), "parquet")
	exp := []string{"export", "--data", f.data, "--db", f.db, "--format", "parquet", "--partition", "--output", parts}
	if r := shihyo(t, exp...); r.code != exitOK {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	wards, err := filepath.Glob(filepath.Join(parts, "ward=*"))
	if err != nil || len(wards) == 0 {
		t.Fatalf("no ward folder in %s: %v", parts, err)
	}
	cred := unprivileged(t, f)
	if err := os.Chmod(wards[0], 0o555); err != nil {
		t.Fatal(err)
	}
	left := func() []string {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(parts), ".parquet.tmp-*"))
		return m
	}
	defer func() {
		for _, l := range left() {
			filepath.WalkDir(l, func(p string, d os.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					os.Chmod(p, 0o755)
				}
				return nil
			})
		}
	}()
	r := shihyoAs(t, cred, append(exp, "--force", "--fiscal-year", "2021")...)
	if r.code != exitOK || !strings.Contains(r.stderr, "level=WARN") {
		t.Fatalf("export --force beside an unremovable previous export: exit %d; want 0 and a warning\n%s", r.code, r.stderr)
	}
	years, _ := filepath.Glob(filepath.Join(parts, "ward=*", "fiscal_year=*"))
	if len(years) != 1 || filepath.Base(years[0]) != "fiscal_year=2021" {
		t.Errorf("the new export is not in place: %v", years)
	}
	if len(left()) != 1 {
		t.Errorf("the previous export should be left beside it: %v", left())
	}
}
