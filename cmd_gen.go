package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/shihyo/shihyo/gen"
)

func runGen(ctx context.Context, e env) int {
	fs := newFlags("gen", "[--wards N --years N --respondents N --questions N] [--seed S] [--out DIR] [--force]", e)
	var o gen.Options
	fs.StringVar(&o.Out, "out", "data/sample", "書き出すデータフォルダ")
	fs.IntVar(&o.Wards, "wards", 0, "区の数 (0 でない値を一つでも指定すると規模テスト用の合成データ)")
	fs.IntVar(&o.Years, "years", 0, "区ごとの調査年度の数")
	fs.IntVar(&o.Respondents, "respondents", 0, "調査ごとの回答者数")
	fs.IntVar(&o.Questions, "questions", 0, "調査ごとの設問数 (設問ごとに指標を一つ)")
	fs.Int64Var(&o.Seed, "seed", 1, "乱数の種 (同じ種なら同じファイル)")
	force := fs.Bool("force", false, "ファイルのあるフォルダにも書き出す (同じ名前のファイルは置き換わる)")
	if code, ok := parseFlags(fs, e); !ok {
		return code
	}
	if o.Wards < 0 || o.Years < 0 || o.Respondents < 0 || o.Questions < 0 {
		fmt.Fprintln(e.stderr, "shihyo gen: 数は 0 以上で指定してください")
		return exitUsage
	}
	if used, err := holdsFiles(o.Out); err != nil || (used && !*force) {
		if err == nil {
			err = fmt.Errorf("書き出し先 %s にはすでにファイルがあります。編集したデータフォルダを上書きしないよう、"+
				"サンプルで置き換えてよいときだけ --force を指定してください", o.Out)
		}
		fmt.Fprintf(e.stderr, "shihyo gen: %v\n", err)
		return exitFailure
	}
	if err := gen.Generate(ctx, o); err != nil {
		fmt.Fprintf(e.stderr, "shihyo gen: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(e.stdout, o.Out)
	return exitOK
}

// holdsFiles reports whether the folder dir exists and holds anything:
// the data folder of someone's edits, perhaps, which gen would overwrite.
func holdsFiles(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("read %s: %w", dir, err)
	}
	return len(entries) > 0, nil
}
