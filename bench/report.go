package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// machineInfo describes where the run was made.
type machineInfo struct {
	cpu, memory        string
	cores              int
	loadStart, loadEnd string
	started            time.Time
}

func machine() machineInfo {
	m := machineInfo{cpu: "unknown", memory: "unknown", cores: runtime.NumCPU(), loadStart: loadAvg(), started: time.Now()}
	if v := procField("/proc/cpuinfo", "model name"); v != "" {
		m.cpu = v
	}
	if v := procField("/proc/meminfo", "MemTotal"); v != "" {
		m.memory = v
	}
	return m
}

// procField is the value of the first line "key: value" of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// target is one goal of issue 16 and whether a set's result meets it.
type target struct {
	text string
	met  func(r *setResult) bool
}

// targets are issue 16's, by set and phase.
var targets = map[string]map[string]target{
	"osaka": {
		phaseFull:  {"≤ 1.0× read_csv", func(r *setResult) bool { return r.ratio(phaseFull) <= 1.0 }},
		phaseNoOp:  {"< 0.3 s", func(r *setResult) bool { return r.Phases[phaseNoOp].median() < 300*time.Millisecond }},
		phaseWave:  {"< 10% of the full refresh", func(r *setResult) bool { return r.share(phaseWave) < 0.10 }},
		"peak RSS": {"< 500 MiB", func(r *setResult) bool { return r.peak() < 500<<20 }},
	},
	"10x": {
		phaseFull:  {"≤ 1.5× read_csv", func(r *setResult) bool { return r.ratio(phaseFull) <= 1.5 }},
		"peak RSS": {"< 1 GiB", func(r *setResult) bool { return r.peak() < 1<<30 }},
	},
}

// ratio is the phase's median over the median of the reference runs
// measured in the same rounds.
func (r *setResult) ratio(name string) float64 {
	p := r.Phases[name]
	return p.median().Seconds() / p.refMedian().Seconds()
}

// share is the phase's median as a part of the full refresh's.
func (r *setResult) share(name string) float64 {
	return r.Phases[name].median().Seconds() / r.Phases[phaseFull].median().Seconds()
}

// peak is the largest RSS of any shihyo phase of the set.
func (r *setResult) peak() int64 {
	var m int64
	for name, p := range r.Phases {
		if name != phaseReadCSV {
			m = max(m, p.peak())
		}
	}
	return m
}

func report(w io.Writer, m machineInfo, o options, results []*setResult) {
	fmt.Fprintf(w, "shihyo bench-scale, %s\n\n", m.started.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "machine: %s, %d cores, %s RAM; load average (1, 5, 15 min) %s at the start, %s at the end\n",
		m.cpu, m.cores, m.memory, m.loadStart, m.loadEnd)
	fmt.Fprintf(w, "each phase: the median of %d runs, each a child process (wall time; peak RSS from wait4);\n", o.runs)
	fmt.Fprintf(w, "× read_csv: over the median of DuckDB's read_csv of the same files, run before each round\n\n")
	for _, r := range results {
		reportSet(w, r)
	}
}

func reportSet(w io.Writer, r *setResult) {
	fmt.Fprintf(w, "%s: %s\n\n", r.Set.Name, r.Answers)
	fmt.Fprintln(w, "| phase | median | × read_csv | peak RSS | target |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|")
	goals := targets[r.Set.Name]
	for _, name := range []string{phaseReadCSV, phaseValidate, phaseFull, phaseNoOp, phaseWave, phaseIndicator, phaseRender} {
		p := r.Phases[name]
		rss := mib(p.peak())
		if name == phaseRender {
			rss = ""
		}
		extra := ""
		if name == phaseWave || name == phaseIndicator {
			extra = fmt.Sprintf(" (%.0f%% of full)", 100*r.share(name))
		}
		fmt.Fprintf(w, "| %s | %.3f s%s | %.2f | %s | %s |\n", name, p.median().Seconds(), extra, r.ratio(name), rss,
			verdict(goals, name, r))
	}
	fmt.Fprintf(w, "| peak RSS of any phase | | | %s | %s |\n\n", mib(r.peak()), verdict(goals, "peak RSS", r))
}

func verdict(goals map[string]target, name string, r *setResult) string {
	g, ok := goals[name]
	if !ok {
		return ""
	}
	if g.met(r) {
		return g.text + ": met"
	}
	return g.text + ": **missed**"
}
