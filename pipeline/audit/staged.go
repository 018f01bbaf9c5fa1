package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// ErrRecoverable: the site would let someone recover a group of fewer
// than 10 respondents. Disclosure control decides so that this never
// happens, so it is shihyo's fault, never the input's: the text says
// that the last site stays and whom to tell.
var ErrRecoverable = errors.New("公表前の検査 (shihyo audit と同じ) で、10 人未満の集団が公表する数値から逆算できることがわかりました。" +
	"何も公表していません (公開フォルダは前回のままです)。入力データの問題ではなく秘匿の判定の不具合なので、次の内容をシステムの担当者に伝えてください")

// Staged runs the auditor over the site a refresh of ds staged in dir,
// before anything is swapped in. The error names each finding but never
// the number recovered: it reaches the run history and status.html.
func Staged(ctx context.Context, dir string, ds *model.Dataset) error {
	findings, err := Run(ctx, dir, FromDataset(ds))
	if err != nil {
		return fmt.Errorf("audit staged site: %w", err)
	}
	if len(findings) == 0 {
		return nil
	}
	msgs := make([]string, len(findings))
	for i, f := range findings {
		msgs[i] = f.Message()
	}
	return fmt.Errorf("%w:\n%s", ErrRecoverable, strings.Join(msgs, "\n"))
}
