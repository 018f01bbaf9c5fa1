package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/shihyo/shihyo/pipeline"
)

// The folders and files every subcommand names the same way are declared
// here once, with one default and one help text each; a subcommand may add
// a sentence (note) that says what it does with the path.
const (
	dataHelp = "データフォルダ (surveys.csv などの入力)"
	dbHelp   = "DuckDB のファイル (公開フォルダの外)"
	outHelp  = "公開フォルダ (ダッシュボードと actuals.csv)"
)

// dataFlag declares --data on fs.
func dataFlag(fs *flag.FlagSet, p *string, note string) {
	fs.StringVar(p, "data", pipeline.DefaultDataDir, dataHelp+note)
}

// dbFlag declares --db on fs.
func dbFlag(fs *flag.FlagSet, p *string, note string) {
	fs.StringVar(p, "db", pipeline.DefaultDB, dbHelp+note)
}

// outFlag declares --out on fs.
func outFlag(fs *flag.FlagSet, p *string, note string) {
	fs.StringVar(p, "out", pipeline.DefaultOut, outHelp+note)
}

// newFlags makes a flag set that reports usage errors on stderr.
func newFlags(name, synopsis string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "使い方: shihyo %s %s\n\nオプション:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseWithFiles parses e.args as flags among file names (plan extract
// FILE... --ward W): it returns the file names, or the exit code to use
// and false when the command should stop.
func parseWithFiles(fs *flag.FlagSet, e env) ([]string, int, bool) {
	var files []string
	args := e.args
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			return nil, exitOK, false
		}
		if err != nil {
			return nil, exitUsage, false
		}
		if fs.NArg() == 0 {
			return files, exitOK, true
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseFlags parses e.args; it returns the exit code to use and false when
// the command should stop (help asked for, or a usage error).
func parseFlags(fs *flag.FlagSet, e env) (int, bool) {
	err := fs.Parse(e.args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, false
	}
	if err != nil {
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "shihyo %s: 余分な引数 %q\n", fs.Name(), fs.Args())
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}
