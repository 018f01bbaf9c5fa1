package progress

import (
	"strings"
	"testing"
	"time"
)

// TestLine: nothing is shown for the first seconds, nor more than ten
// times a second; then each line overwrites the last, and Done clears it.
// A nil Line (no terminal) is silent.
func TestLine(t *testing.T) {
	now := time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)
	var b strings.Builder
	p := New(&b, func() time.Time { return now })
	p.Wave("読み込み", 1, 96)
	if b.Len() != 0 {
		t.Errorf("shown before %v: %q", After, b.String())
	}
	now = now.Add(After)
	p.Wave("読み込み", 40, 96)
	p.Wave("読み込み", 41, 96) // within a tenth of a second: not shown
	now = now.Add(time.Second)
	p.Phase("ページの作成")
	p.Done()
	want := "\r更新中: 読み込み 40/96 (2 秒)\x1b[K\r更新中: ページの作成 (3 秒)\x1b[K\r\x1b[K"
	if b.String() != want {
		t.Errorf("wrote %q; want %q", b.String(), want)
	}
	var silent *Line = New(nil, time.Now)
	silent.Wave("読み込み", 1, 2)
	silent.Phase("x")
	silent.Done()
}
