// Command shihyo turns ward resident surveys into the outcome-indicator
// actuals of the ward's plan, publishes them as dashboards and exports them
// back into the plan.
//
// Exit codes: 0 success, 1 bad input or failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what a subcommand may touch: its arguments, its output streams and
// a logger. Tests run commands as real processes; env keeps main small.
type env struct {
	args   []string
	stdout io.Writer
	stderr io.Writer
	logger *slog.Logger
}

type command struct {
	summary string
	run     func(ctx context.Context, e env) int
}

var commands = map[string]command{
	"refresh":  {"データを読み込み、実績を計算し、ダッシュボードを出力する", runRefresh},
	"validate": {"データフォルダのすべての問題を報告する (終了コード 1: 問題あり)", runValidate},
	"gen":      {"サンプルデータを生成する", runGen},
	"schedule": {"夜間の自動更新 (cron) を常駐で実行する", runSchedule},
	"serve":    {"公開フォルダを LAN の同僚に配信する (既定 127.0.0.1:8080)", runServe},
	"export":   {"実績を運営方針の表 (CSV・XLSX・Parquet) に書き出す", runExport},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "shihyo: 不明なサブコマンド %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	return cmd.run(ctx, env{args: args[1:], stdout: stdout, stderr: stderr, logger: logger})
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "使い方: shihyo <サブコマンド> [オプション]")
	fmt.Fprintln(w, "\nサブコマンド:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\n各サブコマンドの説明: shihyo <サブコマンド> --help")
}

// newFlags makes a flag set that reports usage errors on stderr.
func newFlags(name, synopsis string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "使い方: shihyo %s %s\n\nオプション:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses e.args; it returns the exit code to use and false when
// the command should stop (help asked for, or a usage error).
func parseFlags(fs *flag.FlagSet, e env) (int, bool) {
	err := fs.Parse(e.args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, false
	}
	if err != nil {
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "shihyo %s: 余分な引数 %q\n", fs.Name(), fs.Args())
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}
