// Command bench is `make bench-scale`: it generates the Osaka-scale data
// set (shihyo gen --wards 24 --years 4 --respondents 1500 --questions 40)
// and the 10× one (15,000 respondents), then measures, each in a child
// process of its own (wall time, and peak RSS from wait4's rusage), the
// phases of issue 16 against DuckDB's own read_csv of the same response
// files measured in the same run, and prints the table of BENCHMARKS.md.
//
//	go run ./bench [-shihyo bin/shihyo] [-work DIR] [-sets osaka,10x] [-runs 3]
//
// Every phase is run -runs times and its median taken, interleaved with as
// many runs of the reference, so that the load of a shared machine falls on
// both sides of each ratio. It is not a test: `make test` never runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

// set is one generated data set.
type set struct {
	Name        string
	Respondents int
}

var allSets = []set{{"osaka", 1500}, {"10x", 15000}}

type options struct {
	shihyo string
	work   string
	sets   []set
	runs   int
	keep   bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == readCSVMode {
		code := runReadCSV(ctx, os.Args[2:])
		stop()
		os.Exit(code)
	}
	o, err := parseOptions()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseOptions() (options, error) {
	var o options
	var sets string
	flag.StringVar(&o.shihyo, "shihyo", "bin/shihyo", "the shihyo binary to measure")
	flag.StringVar(&o.work, "work", "", "folder for the data sets and databases (default: a new temporary folder, removed after)")
	flag.StringVar(&sets, "sets", "osaka,10x", "data sets to measure: osaka, 10x")
	flag.IntVar(&o.runs, "runs", 3, "runs of each phase (the median is reported)")
	flag.BoolVar(&o.keep, "keep", false, "keep the work folder")
	flag.Parse()
	abs, err := filepath.Abs(o.shihyo)
	if err != nil {
		return o, err
	}
	o.shihyo = abs
	for _, name := range strings.Split(sets, ",") {
		found := false
		for _, s := range allSets {
			if s.Name == strings.TrimSpace(name) {
				o.sets, found = append(o.sets, s), true
			}
		}
		if !found {
			return o, fmt.Errorf("unknown set %q (osaka, 10x)", name)
		}
	}
	if o.runs < 1 {
		return o, fmt.Errorf("-runs must be at least 1")
	}
	return o, nil
}

func run(ctx context.Context, o options) error {
	if o.work == "" {
		dir, err := os.MkdirTemp("", "shihyo-bench-")
		if err != nil {
			return err
		}
		o.work = dir
		if !o.keep {
			defer os.RemoveAll(dir)
		}
	}
	defer os.RemoveAll(trashOf(o.work)) // once every set is measured
	self, err := os.Executable()
	if err != nil {
		return err
	}
	m := machine()
	var results []*setResult
	for _, s := range o.sets {
		r, err := measureSet(ctx, o, self, s)
		if err != nil {
			return fmt.Errorf("set %s: %w", s.Name, err)
		}
		results = append(results, r)
	}
	m.loadEnd = loadAvg()
	report(os.Stdout, m, o, results)
	return nil
}
