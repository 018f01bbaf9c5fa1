package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
)

// The tests run the shihyo binary as staff do, as a process with exit
// codes and output streams. It is built once, by the first test that needs
// it; with -short those tests are skipped and nothing is built (the
// commands' in-process tests, such as TestRunExport, still run).
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binary returns the shihyo binary, building it on first use, or skips the
// test under -short: it runs shihyo as a real process.
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs shihyo as a process (skipped with -short)")
	}
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "shihyo-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "shihyo")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

const small = "pipeline/testdata/small"

// result is what a finished process left.
type result struct {
	code           int
	stdout, stderr string
}

func shihyo(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run shihyo %v: %v", args, err)
	}
	return result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// badData copies the small fixture and lays testdata/bad/name over it.
func badData(t *testing.T, name string) string {
	t.Helper()
	return inputtest.Overlay(t, name)
}

// copyInto copies the files of the folder src into dst (a case's want.txt
// aside: it is no input).
func copyInto(dst, src string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil || rel == inputtest.WantFile {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

func TestValidateBadDataExitsOne(t *testing.T) {
	dir := badData(t, "several_files")
	r := shihyo(t, "validate", "--data", dir)
	if r.code != exitFailure {
		t.Fatalf("exit %d; want 1\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	want := []string{
		filepath.Join(dir, "indicators.csv") + ":4: ",
		filepath.Join(dir, "responses", "w2020.csv") + ":8: ",
		filepath.Join(dir, "responses", "w2022.csv") + ":3: ",
	}
	if len(lines) != len(want)+1 {
		t.Fatalf("stderr has %d lines; want %d problems and a summary:\n%s", len(lines), len(want), r.stderr)
	}
	lineRe := regexp.MustCompile(`^[^:]+:[1-9][0-9]*: \S`)
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) || !lineRe.MatchString(lines[i]) {
			t.Errorf("line %d = %q; want FILE:LINE: message starting %q", i+1, lines[i], w)
		}
	}
	if !strings.Contains(lines[3], "3 件の問題があります") {
		t.Errorf("summary = %q", lines[3])
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q; want nothing", r.stdout)
	}
}

func TestValidateEveryDefectFolder(t *testing.T) {
	lineRe := regexp.MustCompile(`^.+:[1-9][0-9]*: \S`)
	for _, c := range inputtest.Cases(t) {
		if len(c.Problems) == 0 {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			r := shihyo(t, "validate", "--data", badData(t, c.Name))
			if r.code != exitFailure {
				t.Fatalf("exit %d; want 1", r.code)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			for _, l := range lines[:len(lines)-1] {
				if !lineRe.MatchString(l) {
					t.Errorf("not FILE:LINE: message: %q", l)
				}
			}
		})
	}
}

func TestValidateGoodDataExitsZero(t *testing.T) {
	for _, dir := range []string{small, badData(t, "accepted_forms")} {
		r := shihyo(t, "validate", "--data", dir)
		if r.code != exitOK || !strings.Contains(r.stdout, "問題はありません") {
			t.Errorf("validate %s: exit %d\n%s%s", dir, r.code, r.stdout, r.stderr)
		}
	}
}

// TestValidateWarningsExitZero: the warn_ folders of testdata/bad hold
// inputs that are accepted with warnings. validate prints each as
// FILE:LINE: 注意: message on stderr, says so on stdout and exits 0.
func TestValidateWarningsExitZero(t *testing.T) {
	warnRe := regexp.MustCompile(`^.+:[1-9][0-9]*: 注意: \S`)
	for name, n := range map[string]int{"warn_labels_differ": 4, "warn_target_before_first_wave": 1, "warn_filter_on_own_question": 1} {
		t.Run(name, func(t *testing.T) {
			r := shihyo(t, "validate", "--data", badData(t, name))
			if r.code != exitOK {
				t.Fatalf("exit %d; want 0\n%s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(lines) != n {
				t.Fatalf("stderr has %d lines; want %d warnings:\n%s", len(lines), n, r.stderr)
			}
			for _, l := range lines {
				if !warnRe.MatchString(l) {
					t.Errorf("not FILE:LINE: 注意: message: %q", l)
				}
			}
			if want := fmt.Sprintf("問題はありません (注意が %d 件あります", n); !strings.Contains(r.stdout, want) {
				t.Errorf("stdout = %q; want it to contain %q", r.stdout, want)
			}
		})
	}
}

// TestValidateWarningsBesideProblems: warnings found in a run that also
// finds problems are printed after the problems and counted in the
// summary; the exit code is that of the problems.
func TestValidateWarningsBesideProblems(t *testing.T) {
	dir := badData(t, "warn_labels_differ")
	if err := copyInto(dir, "pipeline/testdata/bad/unknown_code"); err != nil {
		t.Fatal(err)
	}
	r := shihyo(t, "validate", "--data", dir)
	if r.code != exitFailure {
		t.Fatalf("exit %d; want 1\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 6 {
		t.Fatalf("stderr has %d lines; want a problem, 4 warnings and a summary:\n%s", len(lines), r.stderr)
	}
	if !strings.HasPrefix(lines[0], filepath.Join(dir, "responses", "w2020.csv")+":8: ") || strings.Contains(lines[0], "注意") {
		t.Errorf("line 1 = %q; want the problem first", lines[0])
	}
	for _, l := range lines[1:5] {
		if !strings.HasPrefix(l, filepath.Join(dir, "choices.csv")+":") || !strings.Contains(l, ": 注意: ") {
			t.Errorf("not a warning of choices.csv: %q", l)
		}
	}
	if !strings.Contains(lines[5], "1 件の問題があります (ほかに注意が 4 件)") {
		t.Errorf("summary = %q", lines[5])
	}
}

func TestValidateMissingFolder(t *testing.T) {
	r := shihyo(t, "validate", "--data", filepath.Join(t.TempDir(), "none"))
	if r.code != exitFailure || !strings.Contains(r.stderr, "データフォルダがありません") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"refresh", "--bogus"},
		{"validate", "--bogus"},
		{"serve", "--bogus"},
		{"serve", "--addr", "bogus"},
		{"serve", "--addr", "127.0.0.1:99999"},
		{"validate", "extra"},
		{"nosuchcommand"},
		{},
	} {
		if r := shihyo(t, args...); r.code != exitUsage {
			t.Errorf("shihyo %v: exit %d; want 2\n%s", args, r.code, r.stderr)
		}
	}
	for args, want := range map[string]string{
		"refresh --bogus":   "shihyo refresh: オプション -bogus はありません\n使い方: shihyo refresh",
		"gen --wards x":     "オプション -wards の値 \"x\" が正しくありません",
		"export --output":   "オプション -output には値を指定してください",
		"serve --addr=a=b=": "ホスト:ポート",
	} {
		r := shihyo(t, strings.Fields(args)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "flag") {
			t.Errorf("shihyo %s: exit %d, stderr:\n%s\nwant exit 2 and, in Japanese, %q", args, r.code, r.stderr, want)
		}
	}
	if r := shihyo(t, "refresh", "--help"); r.code != exitOK {
		t.Errorf("refresh --help: exit %d; want 0", r.code)
	}
}

func TestRefreshBadDataKeepsOutput(t *testing.T) {
	root := t.TempDir()
	db, out := filepath.Join(root, "shihyo.duckdb"), filepath.Join(root, "out")
	if r := shihyo(t, "refresh", "--data", small, "--db", db, "--out", out); r.code != exitOK {
		t.Fatalf("refresh: exit %d\n%s", r.code, r.stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "actuals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := shihyo(t, "refresh", "--data", badData(t, "unknown_code"), "--db", db, "--out", out)
	if r.code != exitFailure || !strings.Contains(r.stderr, "w2020.csv:8: ") || !strings.Contains(r.stderr, "前回のままです") {
		t.Fatalf("refresh over a defect: exit %d\n%s", r.code, r.stderr)
	}
	after, err := os.ReadFile(filepath.Join(out, "actuals.csv"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("actuals.csv changed (%v)", err)
	}
}

// TestServeProcess runs `shihyo serve` on a free loopback port, fetches a
// page and stops it with SIGINT, as Ctrl-C would.
func TestServeProcess(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if r := shihyo(t, "refresh", "--data", small, "--db", filepath.Join(root, "shihyo.duckdb"), "--out", out); r.code != exitOK {
		t.Fatalf("refresh: exit %d\n%s", r.code, r.stderr)
	}
	cmd := exec.Command(binary(t), "serve", "--out", out, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	url, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("read address: %v\n%s", err, stderr.String())
	}
	url = strings.TrimSpace(url)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("address %q; want loopback", url)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(url + "index.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(body, []byte("<!DOCTYPE html>")) || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET index.html: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGINT: %v\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after SIGINT")
	}
}

func TestServeMissingFolderExitsOne(t *testing.T) {
	r := shihyo(t, "serve", "--out", filepath.Join(t.TempDir(), "none"), "--addr", "127.0.0.1:0")
	if r.code != exitFailure || !strings.Contains(r.stderr, "公開フォルダがありません") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}
