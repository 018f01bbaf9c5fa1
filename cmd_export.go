package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/shihyo/shihyo/internal/jst"
	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/pipeline/lock"
)

func runExport(ctx context.Context, e env) int {
	fs := newFlags("export", "[--data DIR] [--db FILE] --format csv|xlsx|parquet [--encoding utf-8|shift_jis] "+
		"[--plan-year Y] [--fiscal-year Y] [--partition] [--force] --output PATH", e)
	var o export.Options
	// No default, not even inside the repository: the plan CSV is written
	// from the data folder the database was refreshed from, which only the
	// caller knows (a default would compare staff's database with the
	// sample's indicators.csv).
	fs.StringVar(&o.DataDir, "data", "", dataHelp+"。csv に必要: refresh に使ったデータフォルダの indicators.csv に実績を書き足す。xlsx・parquet では、指定すればその indicators.csv でデータベースが更新されたか確かめる")
	dbFlag(fs, &o.DB, "。refresh が作ったものを読み取り専用で開く")
	fs.StringVar(&o.Format, "format", "", "csv (運営方針の指標表), xlsx (達成状況の様式), parquet (分析用)")
	fs.StringVar(&o.Encoding, "encoding", "", "csv の文字コード: utf-8 (BOM 付き、既定) か shift_jis (CP932)")
	planYear := fs.String("plan-year", "", "書き込む運営方針の年度: 2024, 令和6年度, R6 (既定: 区ごとに今の運営方針 = indicators.csv で最も新しい plan_year; csv と xlsx)")
	year := fs.String("fiscal-year", "", "実績の年度: 2023, 令和5年度, R5 (既定: 区ごとに、その運営方針が判定する最新の調査年度; parquet は全年度)")
	fs.BoolVar(&o.Partition, "partition", false, "parquet: --output をフォルダにして ward=…/fiscal_year=… に分ける")
	fs.BoolVar(&o.Force, "force", false, "既にある --output を置き換える")
	fs.StringVar(&o.Output, "output", "", "書き出すファイル (--partition ならフォルダ)")
	o.Logger = e.logger
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	if !yearFlag(e, "plan-year", *planYear, &o.PlanYear) || !yearFlag(e, "fiscal-year", *year, &o.FiscalYear) {
		return exitUsage
	}
	if err := checkExportOutput(o); err != nil {
		fmt.Fprintf(e.stderr, "shihyo export: %v\n", err)
		return exitFailure
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
	warnStale(ctx, e, o.DB)
	out, _ := filepath.Abs(o.Output)
	fmt.Fprintln(e.stdout, out)
	return exitOK
}

// warnStale tells staff, after an export, that the last refresh of db
// failed: the database, and so what was exported, holds the actuals of
// the last refresh that succeeded, not the data folder's. The export
// itself is sound, so a history that cannot be read only goes to the log.
func warnStale(ctx context.Context, e env, db string) {
	p, err := history.Read(ctx, db, time.Now())
	if err != nil {
		e.logger.Debug("実行履歴を読めませんでした", "error", err)
		return
	}
	if !p.Stale() {
		return
	}
	shown := "データベースにある実績です"
	if p.LastOK != nil {
		shown = "その前に成功した " + p.LastOK.Started.In(jst.Location).Format("2006年1月2日 15:04") + " の更新の実績です"
	}
	fmt.Fprintf(e.stderr, "shihyo export: 注意: 最後の更新 (%s) は失敗しています。書き出したのは、%s (データフォルダの今の内容ではありません)。"+
		"失敗の理由を公開フォルダの status.html で確かめ、直して更新してから、もう一度書き出してください\n",
		p.LastFailure.Started.In(jst.Location).Format("2006年1月2日 15:04"), shown)
}

// checkExportOutput refuses an --output that would overwrite what is not
// the export's: a file in the data folder (staff's inputs; shihyo only
// reads them), or a file of the database beside --db (its history, its
// locks). Paths are compared with their symbolic links followed. The
// export itself refuses the database file.
func checkExportOutput(o export.Options) error {
	if o.Output == "" {
		return nil // the export reports the missing flag
	}
	out, err := sitedir.Resolve(o.Output)
	if err != nil {
		return err
	}
	if o.DataDir != "" {
		data, err := sitedir.Resolve(o.DataDir)
		if err != nil {
			return err
		}
		if sitedir.Within(out, data) || sitedir.Within(data, out) {
			return fmt.Errorf("書き出し先 %s がデータフォルダ %s と重なっています。データフォルダはスタッフの入力で、shihyo は書き込みません。"+
				"データフォルダの外を指定してください", o.Output, o.DataDir)
		}
	}
	if site, ok := sitedir.SiteAround(out); ok {
		return fmt.Errorf("書き出し先 %s は公開フォルダ %s の中です。公開フォルダは更新のたびにフォルダごと置き換わるため、書き出したファイルは次の更新で消えてしまいます。"+
			"公開フォルダの外を指定してください", o.Output, site)
	}
	for _, f := range []string{history.Path(o.DB), lock.RefreshPath(o.DB), lock.DaemonPath(o.DB)} {
		if p, err := sitedir.Resolve(f); err == nil && p == out {
			return fmt.Errorf("書き出し先 %s は shihyo のデータベースのファイルです。ほかの場所を指定してください", o.Output)
		}
	}
	return nil
}

// yearFlag reads the year flag name (2024, 令和6年度, R6) into to when it
// was given; false, with the message, when it is no year.
func yearFlag(e env, name, value string, to *int) bool {
	if value == "" {
		return true
	}
	y, err := wareki.Parse(value)
	if err != nil {
		fmt.Fprintf(e.stderr, "shihyo export: --%s が年度として読めません: %q (例: 2023, 令和5年度, R5)\n", name, value)
		return false
	}
	*to = y
	return true
}
