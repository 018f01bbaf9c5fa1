package main

import (
	"context"
	"fmt"

	"github.com/shihyo/shihyo/gen"
)

func runGen(ctx context.Context, e env) int {
	fs := newFlags("gen", "[--wards N --years N --respondents N --questions N] [--seed S] [--out DIR]", e)
	var o gen.Options
	fs.StringVar(&o.Out, "out", "data/sample", "書き出すデータフォルダ")
	fs.IntVar(&o.Wards, "wards", 0, "区の数 (0 でない値を一つでも指定すると規模テスト用の合成データ)")
	fs.IntVar(&o.Years, "years", 0, "区ごとの調査年度の数")
	fs.IntVar(&o.Respondents, "respondents", 0, "調査ごとの回答者数")
	fs.IntVar(&o.Questions, "questions", 0, "調査ごとの設問数 (設問ごとに指標を一つ)")
	fs.Int64Var(&o.Seed, "seed", 1, "乱数の種 (同じ種なら同じファイル)")
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	if o.Wards < 0 || o.Years < 0 || o.Respondents < 0 || o.Questions < 0 {
		fmt.Fprintln(e.stderr, "shihyo gen: 数は 0 以上で指定してください")
		return exitUsage
	}
	if err := gen.Generate(ctx, o); err != nil {
		fmt.Fprintf(e.stderr, "shihyo gen: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(e.stdout, o.Out)
	return exitOK
}
