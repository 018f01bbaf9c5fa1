package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline"
)

func runRefresh(ctx context.Context, e env) int {
	fs := newFlags("refresh", "[--data DIR] [--db FILE] [--out DIR]", e)
	var opts pipeline.Options
	siteFlags(fs, &opts)
	if code, ok := parseWithData(fs, e, &opts.DataDir); !ok {
		return code
	}
	opts.Logger = e.logger
	_, err := pipeline.Refresh(ctx, opts)
	if err != nil {
		return reportFailure(e, "refresh", err)
	}
	index, _ := filepath.Abs(filepath.Join(opts.Out, "index.html"))
	fmt.Fprintln(e.stdout, index)
	return exitOK
}
