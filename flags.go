package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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

// dataFlag declares --data on fs, with no default: dataDir gives the
// bundled sample only inside this repository.
func dataFlag(fs *flag.FlagSet, p *string, note string) {
	fs.StringVar(p, "data", "", dataHelp+note+"。このリポジトリの中では省略すると "+pipeline.DefaultDataDir)
}

// sampleMarkers are what makes the working folder this repository: the
// module's go.mod and the bundled sample. Only there may --data be left out.
const (
	moduleLine   = "module github.com/shihyo/shihyo"
	sampleMarker = pipeline.DefaultDataDir + "/surveys.csv"
)

// dataDir returns the data folder a command reads: --data as given, or,
// when it was left out and the working folder is this repository (go.mod
// of the module and data/sample beside it), the bundled sample. Anywhere
// else --data is required, so that a deployment that forgets it fails at
// once instead of publishing the sample as its ward's figures; false is a
// usage error, already reported.
func dataDir(e env, name, data string) (string, bool) {
	if data != "" {
		return data, true
	}
	if inRepository() {
		return pipeline.DefaultDataDir, true
	}
	fmt.Fprintf(e.stderr, "shihyo %s: --data (データフォルダ) を指定してください。"+
		"既定の %s はこのプログラムのリポジトリの中で試すためのサンプルで、ほかの場所では使いません\n", name, pipeline.DefaultDataDir)
	return "", false
}

func inRepository() bool {
	mod, err := os.ReadFile("go.mod")
	if err != nil || !strings.HasPrefix(strings.TrimSpace(string(mod)), moduleLine) {
		return false
	}
	st, err := os.Stat(filepath.FromSlash(sampleMarker))
	return err == nil && st.Mode().IsRegular()
}

// siteFlags declares --data, --db and --out of a command that refreshes
// (refresh, schedule) into opts.
func siteFlags(fs *flag.FlagSet, opts *pipeline.Options) {
	dataFlag(fs, &opts.DataDir, "")
	dbFlag(fs, &opts.DB, "")
	outFlag(fs, &opts.Out, "")
}

// parseWithData parses e.args as parseFlags does, then sets *data to the
// data folder the command reads (dataDir): a missing --data outside this
// repository is a usage error, reported.
func parseWithData(fs *flag.FlagSet, e env, data *string) (int, bool) {
	if code, ok := parseFlags(fs, e); !ok {
		return code, false
	}
	d, ok := dataDir(e, fs.Name(), *data)
	if !ok {
		return exitUsage, false
	}
	*data = d
	return exitOK, true
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

// parse is fs.Parse(args) with the flag package's own messages (English)
// replaced: a usage error is told in Japanese, then the usage; --help
// prints the usage alone.
func parse(fs *flag.FlagSet, e env, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(e.stderr, "shihyo %s: %s\n", fs.Name(), flagProblem(err))
	}
	if err != nil {
		usage()
	}
	return err
}

// flagProblem is the flag package's error err, in Japanese.
func flagProblem(err error) string {
	msg := err.Error()
	for _, m := range []struct{ prefix, format string }{
		{"flag provided but not defined: ", "オプション %s はありません"},
		{"flag needs an argument: ", "オプション %s には値を指定してください"},
		{"bad flag syntax: ", "オプションの書き方が正しくありません: %s"},
	} {
		if rest, ok := strings.CutPrefix(msg, m.prefix); ok {
			return fmt.Sprintf(m.format, rest)
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if value, flagName, ok := strings.Cut(rest, " for flag "); ok {
			flagName, _, _ = strings.Cut(flagName, ":")
			return fmt.Sprintf("オプション %s の値 %s が正しくありません", flagName, value)
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		if value, flagName, ok := strings.Cut(rest, " for "); ok {
			flagName, _, _ = strings.Cut(flagName, ":")
			return fmt.Sprintf("オプション %s の値 %s が正しくありません (true か false)", flagName, value)
		}
	}
	return msg
}

// parseWithFiles parses e.args as flags among file names (plan extract
// FILE... --ward W): it returns the file names, or the exit code to use
// and false when the command should stop.
func parseWithFiles(fs *flag.FlagSet, e env) ([]string, int, bool) {
	var files []string
	args := e.args
	for {
		err := parse(fs, e, args)
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
	err := parse(fs, e, e.args)
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
