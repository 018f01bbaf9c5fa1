package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline/audit"
)

const auditSynopsis = "[--out DIR] [--db FILE]"

// runAudit attacks the published site as an outsider could: it solves the
// published counts (actuals.csv with its flow, breakdowns.csv and
// frequencies.csv, linked by the definitions in the database) for groups
// of fewer than 10 respondents.
// The recovered numbers are printed here, on staff's own terminal, and
// nowhere else.
func runAudit(ctx context.Context, e env) int {
	fs := newFlags("audit", auditSynopsis, e)
	var out, db string
	outFlag(fs, &out, "。検査する公開フォルダ (actuals.csv・breakdowns.csv・frequencies.csv を読む)")
	dbFlag(fs, &db, "。指標の定義を読み取り専用で読む")
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	s, err := audit.FromDB(ctx, db)
	if err != nil {
		fmt.Fprintf(e.stderr, "shihyo audit: %v\n", err)
		return exitFailure
	}
	findings, err := audit.Run(ctx, out, s)
	if err != nil {
		fmt.Fprintf(e.stderr, "shihyo audit: %s を検査できません: %v\n", filepath.Clean(out), err)
		return exitFailure
	}
	for _, f := range findings {
		if f.Partial {
			fmt.Fprintln(e.stderr, f.Message())
			continue
		}
		what := "人数"
		if f.Positives {
			what = "肯定の回答者数"
		}
		fmt.Fprintf(e.stderr, "%s (逆算した%s: %d。この画面にだけ表示します)\n", f.Message(), what, f.N)
	}
	if len(findings) > 0 {
		fmt.Fprintf(e.stderr, "shihyo audit: %d 件: 公表した数値から 10 人未満の集団がわかります。shihyo refresh で公表し直してください\n", len(findings))
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "%s: 公表した数値から逆算できる 10 人未満の集団はありません\n", filepath.Clean(out))
	return exitOK
}
