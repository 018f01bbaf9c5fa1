package main

import (
	"context"
	"fmt"

	"github.com/shihyo/shihyo/pipeline/input/plandoc"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/pipeline/plandraft"
)

const planSynopsis = "extract [--ward W] [--plan-year Y] [--plan-out DIR] [--force] FILE..."

func runPlan(ctx context.Context, e env) int {
	if len(e.args) > 0 && e.args[0] == "extract" {
		return runPlanExtract(ctx, env{args: e.args[1:], stdout: e.stdout, stderr: e.stderr, logger: e.logger})
	}
	fmt.Fprintf(e.stderr, "使い方: shihyo plan %s\n\n", planSynopsis)
	fmt.Fprintln(e.stderr, "  extract   運営方針の文 (PDF から保存したテキスト、市のページからコピーしたもの) から")
	fmt.Fprintln(e.stderr, "            indicators.csv の下書きを標準出力に、--plan-out に plans.csv・plan_issues.csv・plan_actions.csv を書く")
	if len(e.args) > 0 && (e.args[0] == "-h" || e.args[0] == "--help") {
		return exitOK
	}
	if len(e.args) > 0 {
		fmt.Fprintf(e.stderr, "\nshihyo plan: 不明なサブコマンド %q\n", e.args[0])
	}
	return exitUsage
}

// planExtract is what the flags of plan extract ask for.
type planExtract struct {
	opts    plandoc.Options
	planOut string
	force   bool
	files   []string
}

func runPlanExtract(ctx context.Context, e env) int {
	fs := newFlags("plan", planSynopsis, e)
	var x planExtract
	fs.StringVar(&x.opts.Ward, "ward", "", "区名 (既定: 本文の題名から)")
	year := fs.String("plan-year", "", "運営方針の年度: 2023, 令和5年度, R5 (既定: 本文の題名から)")
	fs.StringVar(&x.planOut, "plan-out", "", "plans.csv・plan_issues.csv・plan_actions.csv を書くフォルダ")
	fs.BoolVar(&x.force, "force", false, "--plan-out に既にあるファイルを置き換える")
	files, code, ok := parseWithFiles(fs, e)
	if !ok {
		return code
	}
	x.files = files
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "shihyo plan extract: 運営方針のテキストファイルを指定してください")
		fs.Usage()
		return exitUsage
	}
	if *year != "" {
		y, err := wareki.Parse(*year)
		if err != nil {
			fmt.Fprintf(e.stderr, "shihyo plan extract: --plan-year が年度として読めません: %q (例: 2023, 令和5年度, R5)\n", *year)
			return exitUsage
		}
		x.opts.PlanYear = y
	}
	return x.run(ctx, e)
}

// run reads every file, and writes only when all of them are plans: the
// indicators to stdout, the plan files to --plan-out.
func (x planExtract) run(ctx context.Context, e env) int {
	var plans []plandoc.Plan
	failed := false
	for _, f := range x.files {
		p, err := plandraft.ReadFile(ctx, f, x.opts)
		if ctx.Err() != nil { // cancelled: ReadFile read nothing, or its result goes unused
			return reportFailure(e, "plan extract", ctx.Err())
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", f, err)
			failed = true
			continue
		}
		for _, note := range p.Review {
			fmt.Fprintf(e.stderr, "%s: 注意: %s\n", f, note)
		}
		plans = append(plans, p)
	}
	if failed {
		fmt.Fprintln(e.stderr, "shihyo plan extract: 読めないファイルがあります。何も出力していません。")
		return exitFailure
	}
	if x.planOut != "" {
		if err := plandraft.WriteFiles(ctx, x.planOut, x.force, plans); err != nil {
			if ctx.Err() != nil {
				return reportFailure(e, "plan extract", ctx.Err())
			}
			fmt.Fprintf(e.stderr, "shihyo plan extract: %v\n", err)
			return exitFailure
		}
	}
	if err := plandraft.WriteIndicators(e.stdout, plans); err != nil {
		return reportFailure(e, "plan extract", err)
	}
	return exitOK
}
