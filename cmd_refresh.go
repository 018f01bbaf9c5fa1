package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/term"

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
	opts.Progress = terminal(e.stderr)
	_, err := pipeline.Refresh(ctx, opts)
	if err != nil {
		return reportFailure(e, "refresh", err)
	}
	index, _ := filepath.Abs(filepath.Join(opts.Out, "index.html"))
	fmt.Fprintln(e.stdout, index)
	return exitOK
}

// terminal returns w when it is a terminal, for the progress line of a
// long refresh; nil (no progress line) for a file, a pipe or a journal.
func terminal(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return w
	}
	return nil
}
