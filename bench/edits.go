package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// edits are the changes the incremental phases make, each toggled between
// two valid states so that every run has work to do, and undone at the end.
type edits struct {
	wave, indicators   string // paths
	waveOrig, indsOrig []byte
	waveNow, indsNow   bool // whether the edit is in place
}

// The wave edited: the latest wave of the first ward of the generator.
const editedWave = "kita-kumin-2023.csv"

func newEdits(data string) (*edits, error) {
	e := &edits{wave: filepath.Join(data, "responses", editedWave), indicators: filepath.Join(data, "indicators.csv")}
	var err error
	if e.waveOrig, err = os.ReadFile(e.wave); err != nil {
		return nil, err
	}
	if e.indsOrig, err = os.ReadFile(e.indicators); err != nil {
		return nil, err
	}
	return e, nil
}

// toggleWave changes the first question's answer of the first respondent
// (a code 1 ↔ 2 of a four-point question) in the edited wave, or undoes it.
func (e *edits) toggleWave() error {
	e.waveNow = !e.waveNow
	if !e.waveNow {
		return os.WriteFile(e.wave, e.waveOrig, 0o644)
	}
	lines := bytes.SplitN(e.waveOrig, []byte("\n"), 3)
	if len(lines) < 3 {
		return fmt.Errorf("%s: too short", e.wave)
	}
	fields := bytes.Split(lines[1], []byte(","))
	const first = 5 // No, F1–F4, then 問1
	if len(fields) <= first {
		return fmt.Errorf("%s: too few columns", e.wave)
	}
	if string(fields[first]) == "1" {
		fields[first] = []byte("2")
	} else {
		fields[first] = []byte("1")
	}
	lines[1] = bytes.Join(fields, []byte(","))
	return os.WriteFile(e.wave, bytes.Join(lines, []byte("\n")), 0o644)
}

// toggleIndicator drops the excluded code (わからない) of the first
// indicator of indicators.csv, or puts it back: its domain changes, and
// so do its actuals and breakdowns.
func (e *edits) toggleIndicator() error {
	e.indsNow = !e.indsNow
	if !e.indsNow {
		return os.WriteFile(e.indicators, e.indsOrig, 0o644)
	}
	old, repl := []byte(",1;2,9,,"), []byte(",1;2,,,")
	i := bytes.Index(e.indsOrig, old)
	if i < 0 {
		return fmt.Errorf("%s: no indicator with excluded code 9", e.indicators)
	}
	b := append(append(append([]byte{}, e.indsOrig[:i]...), repl...), e.indsOrig[i+len(old):]...)
	return os.WriteFile(e.indicators, b, 0o644)
}

func (e *edits) restore() {
	os.WriteFile(e.wave, e.waveOrig, 0o644)
	os.WriteFile(e.indicators, e.indsOrig, 0o644)
}
