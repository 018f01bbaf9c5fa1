//go:build linux

package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/shihyo/shihyo/gen"
)

// TestRefreshMemoryIsBoundedByAWave: a refresh streams its waves, one at a
// time, so its peak memory does not grow with their number. A full
// refresh of 16 waves of 50,000 respondents peaks (maxrss, in a process of
// its own) within 64 MiB of one of 2 such waves; holding every wave, and
// joining them in SQL, took gigabytes.
func TestRefreshMemoryIsBoundedByAWave(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and refreshes 800,000 respondents")
	}
	small, large := peakOf(t, 1), peakOf(t, 8)
	t.Logf("peak of a full refresh: 2 waves %d MiB, 16 waves %d MiB", small>>20, large>>20)
	if large > small+64<<20 {
		t.Errorf("16 waves peaked at %d MiB, 2 waves at %d MiB; want within 64 MiB", large>>20, small>>20)
	}
}

// peakOf is the peak RSS of a full refresh of wards × 2 waves of 50,000
// respondents, run in a child process.
func peakOf(t *testing.T, wards int) int64 {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	err := gen.Generate(context.Background(), gen.Options{Out: data, Wards: wards, Years: 2, Respondents: 50000, Questions: 10})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRefresh$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SHIHYO_TEST_REFRESH="+data, "SHIHYO_TEST_REFRESH_TO="+dir, "GOGC=100", "GOMEMLIMIT=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("refresh process: %v\n%s", err, out)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
}

// TestHelperRefresh is run by TestRefreshMemoryIsBoundedByAWave in a child
// process.
func TestHelperRefresh(t *testing.T) {
	data := os.Getenv("SHIHYO_TEST_REFRESH")
	if data == "" {
		t.Skip("helper process only")
	}
	to := os.Getenv("SHIHYO_TEST_REFRESH_TO")
	opts := Options{DataDir: data, DB: filepath.Join(to, "db", "s.duckdb"), Out: filepath.Join(to, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
}
