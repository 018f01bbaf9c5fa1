package main

import (
	"context"
	"fmt"

	"github.com/shihyo/shihyo/pipeline"
)

func runValidate(ctx context.Context, e env) int {
	fs := newFlags("validate", "[--data DIR]", e)
	var data string
	dataFlag(fs, &data, "")
	if code, ok := parseWithData(fs, e, &data); !ok {
		return code
	}
	warnings, err := pipeline.Validate(ctx, data)
	if err != nil {
		return reportWithWarnings(e, "validate", err, warnings)
	}
	printWarnings(e, warnings)
	if len(warnings) > 0 {
		fmt.Fprintf(e.stdout, "%s: 問題はありません (注意が %d 件あります。確かめてください)\n", data, len(warnings))
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%s: 問題はありません\n", data)
	return exitOK
}
