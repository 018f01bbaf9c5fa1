package inputtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The five seed texts in ../shared/seeds: real published 運営方針 of Osaka
// wards, as saved from a PDF viewer or copied from the city's pages.
const (
	SeedTsurumiH31 = "000_f3e484109f00d0e3.txt" // 鶴見区 平成31年度, HTML table cells with <p> tags
	SeedTsurumiR4  = "001_e6c957a5f6c36d5e.txt" // 鶴見区 令和4年度, web page text
	SeedVision     = "002_c78d89348511da04.txt" // 鶴見区将来ビジョン (2023年度～2027年度), web page text
	SeedTsurumiR5  = "003_7a54297bcc98b595.txt" // 鶴見区 令和5年度 共通様式, PDF text with interleaved columns
	SeedHigashiR2  = "004_84c8601653ccdb1f.txt" // 東住吉区 令和2年度, tab-separated table cells
)

// Seeds lists the seeds in their order.
var Seeds = []string{SeedTsurumiH31, SeedTsurumiR4, SeedVision, SeedTsurumiR5, SeedHigashiR2}

// RepoRoot is the folder of go.mod, found by walking up from this file.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			tb.Fatal("no go.mod above inputtest")
		}
	}
}

// SeedPath is the path of seed name in the shared folder beside the
// repository (../shared/seeds, as on a developer's machine and in CI). The
// seeds are not copied into the repository: they are the project's
// reference texts, kept once.
func SeedPath(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(RepoRoot(tb), "..", "shared", "seeds", name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("seed %s: %v (the seeds are read from ../shared/seeds beside the repository)", name, err)
	}
	return p
}

// Seed returns the text of seed name.
func Seed(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(SeedPath(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
