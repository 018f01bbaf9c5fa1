package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/input"
)

func runRefresh(ctx context.Context, e env) int {
	fs := newFlags("refresh", "[--data DIR] [--db FILE] [--out DIR]", e)
	data := fs.String("data", pipeline.DefaultDataDir, "データフォルダ")
	db := fs.String("db", pipeline.DefaultDB, "DuckDB のファイル (公開フォルダの外)")
	out := fs.String("out", pipeline.DefaultOut, "公開フォルダ (ダッシュボードと actuals.csv)")
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	_, err := pipeline.Refresh(ctx, pipeline.Options{DataDir: *data, DB: *db, Out: *out, Logger: e.logger})
	if err != nil {
		return reportFailure(e, "refresh", err)
	}
	index, _ := filepath.Abs(filepath.Join(*out, "index.html"))
	fmt.Fprintln(e.stdout, index)
	return exitOK
}

func runValidate(ctx context.Context, e env) int {
	fs := newFlags("validate", "[--data DIR]", e)
	data := fs.String("data", pipeline.DefaultDataDir, "データフォルダ")
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	warnings, err := pipeline.Validate(ctx, *data)
	if err != nil {
		return reportWithWarnings(e, "validate", err, warnings)
	}
	printWarnings(e, warnings)
	if len(warnings) > 0 {
		fmt.Fprintf(e.stdout, "%s: 問題はありません (注意が %d 件あります。確かめてください)\n", *data, len(warnings))
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%s: 問題はありません\n", *data)
	return exitOK
}

// printWarnings prints input warnings one per line, FILE:LINE: 注意: message,
// on stderr beside the problems: they are diagnostics, not the result.
func printWarnings(e env, warnings []*input.Warning) {
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
func reportWithWarnings(e env, name string, err error, warnings []*input.Warning) int {
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
	fmt.Fprintf(e.stderr, "shihyo %s: %v\n", name, err)
	return exitFailure
}

// keptMessage says what a failed command left as it was. A failed refresh
// rewrites only status.html, so that staff see the failure.
func keptMessage(name string) string {
	if name == "refresh" {
		return "データベースと公開フォルダは前回のままです (更新状況 status.html にのみ失敗を記録しました)。"
	}
	return "何も出力していません。"
}
