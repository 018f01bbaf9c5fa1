package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// sample is one measured child process.
type sample struct {
	Wall   time.Duration
	MaxRSS int64 // bytes, from wait4's rusage
	Stderr string
}

// measure runs the command in a child process of its own and returns its
// wall time and peak RSS; a failing command is an error with its output.
func measure(ctx context.Context, dir string, name string, args ...string) (sample, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %v: %w\n%s%s", filepath.Base(name), args, err, out.String(), errb.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, fmt.Errorf("no rusage for %s", name)
	}
	return sample{Wall: wall, MaxRSS: ru.Maxrss * 1024, Stderr: errb.String()}, nil
}

// phase is the measured runs of one phase.
type phase struct {
	Name    string
	Samples []sample
	Ref     []time.Duration // the read_csv runs interleaved with it
}

// median is the median wall time of the phase's runs.
func (p *phase) median() time.Duration { return medianOf(walls(p.Samples)) }

// refMedian is the median of the read_csv runs measured beside it.
func (p *phase) refMedian() time.Duration { return medianOf(p.Ref) }

// peak is the largest RSS of the phase's runs.
func (p *phase) peak() int64 {
	var m int64
	for _, s := range p.Samples {
		m = max(m, s.MaxRSS)
	}
	return m
}

func walls(ss []sample) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = s.Wall
	}
	return out
}

func medianOf(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// phaseTimes reads the durations of a refresh's phases from its last log
// line (the attributes "t_<phase>=1.234s" of the step "published").
func phaseTimes(stderr string) map[string]time.Duration {
	out := map[string]time.Duration{}
	re := regexp.MustCompile(`\bt_([a-z_]+)=([0-9.]+(?:ns|µs|ms|s|m))`)
	for _, m := range re.FindAllStringSubmatch(stderr, -1) {
		if d, err := time.ParseDuration(m[2]); err == nil {
			out[m[1]] = d
		}
	}
	return out
}

// loadAvg is the machine's 1, 5 and 15 minute load averages.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return "unknown"
	}
	return string(bytes.Join(f[:3], []byte(" ")))
}

func mib(b int64) string { return strconv.FormatFloat(float64(b)/(1<<20), 'f', 0, 64) + " MiB" }
