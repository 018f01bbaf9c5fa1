// Command shihyo turns ward resident surveys into the outcome-indicator
// actuals of the ward's plan, publishes them as dashboards and exports them
// back into the plan.
//
// Exit codes: 0 success, 1 bad input or failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
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
	"plan":     {"運営方針の文から指標・経営課題・取組と予算の下書きを作る (plan extract)", runPlan},
	"audit":    {"公開フォルダの数値から 10 人未満の集団が逆算できないか検査する (終了コード 1: 逆算できる)", runAudit},
}

func main() {
	tuneGC()
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

// printWarnings prints input warnings one per line, FILE:LINE: 注意: message,
// on stderr beside the problems: they are diagnostics, not the result.
func printWarnings(e env, warnings []*model.Warning) {
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, w.String())
	}
}

// reportFailure prints input problems one per line as FILE:LINE: message,
// or any other error once, and returns the exit code.
func reportFailure(e env, name string, err error) int {
	return reportWithWarnings(e, name, err, nil)
}

// reportWithWarnings is reportFailure that also prints, after the
// problems, the warnings found with them.
func reportWithWarnings(e env, name string, err error, warnings []*model.Warning) int {
	if p, ok := input.AsProblems(err); ok {
		for _, one := range p {
			fmt.Fprintln(e.stderr, one.Error())
		}
		printWarnings(e, warnings)
		also := ""
		if len(warnings) > 0 {
			also = fmt.Sprintf(" (ほかに注意が %d 件)", len(warnings))
		}
		fmt.Fprintf(e.stderr, "shihyo %s: %d 件の問題があります%s。%s\n", name, len(p), also, keptMessage(name))
		return exitFailure
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(e.stderr, "shihyo %s: 中断しました。前回の出力はそのままです。\n", name)
		return exitFailure
	}
	fmt.Fprintf(e.stderr, "shihyo %s: %s\n", name, history.Explained(err.Error()))
	return exitFailure
}

// keptMessage says what a failed command left as it was. A failed refresh
// rewrites only status.html, so that staff see the failure; a first
// refresh has none to rewrite and leaves nothing behind.
func keptMessage(name string) string {
	if name == "refresh" {
		return "データベースと公開フォルダは前回のままです (前に更新していれば、更新状況 status.html にだけ失敗を記録しました。初めての更新なら何も作っていません)。"
	}
	return "何も出力していません。"
}
