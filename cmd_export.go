package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/wareki"
)

func runExport(ctx context.Context, e env) int {
	fs := newFlags("export", "[--data DIR] [--db FILE] --format csv|xlsx|parquet [--encoding utf-8|shift_jis] "+
		"[--fiscal-year Y] [--partition] [--force] --output PATH", e)
	var o export.Options
	fs.StringVar(&o.DataDir, "data", pipeline.DefaultDataDir, "データフォルダ (csv: その indicators.csv に実績を書き足す)")
	fs.StringVar(&o.DB, "db", pipeline.DefaultDB, "refresh が作った DuckDB のファイル (読み取り専用で開く)")
	fs.StringVar(&o.Format, "format", "", "csv (運営方針の指標表), xlsx (達成状況の様式), parquet (分析用)")
	fs.StringVar(&o.Encoding, "encoding", "", "csv の文字コード: utf-8 (BOM 付き、既定) か shift_jis (CP932)")
	year := fs.String("fiscal-year", "", "実績の年度: 2023, 令和5年度, R5 (既定: 区ごとに最新の調査年度; parquet は全年度)")
	fs.BoolVar(&o.Partition, "partition", false, "parquet: --output をフォルダにして ward=…/fiscal_year=… に分ける")
	fs.BoolVar(&o.Force, "force", false, "既にある --output を置き換える")
	fs.StringVar(&o.Output, "output", "", "書き出すファイル (--partition ならフォルダ)")
	o.Logger = e.logger
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	if *year != "" {
		y, err := wareki.Parse(*year)
		if err != nil {
			fmt.Fprintf(e.stderr, "shihyo export: --fiscal-year が年度として読めません: %q (例: 2023, 令和5年度, R5)\n", *year)
			return exitUsage
		}
		o.FiscalYear = y
	}
	err := export.Export(ctx, o)
	if errors.Is(err, export.ErrOptions) {
		fmt.Fprintf(e.stderr, "shihyo export: %v\n", err)
		fs.Usage()
		return exitUsage
	}
	if err != nil {
		return reportFailure(e, "export", err)
	}
	out, _ := filepath.Abs(o.Output)
	fmt.Fprintln(e.stdout, out)
	return exitOK
}
