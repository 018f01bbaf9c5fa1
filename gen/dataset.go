package gen

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// errBadSpec reports a built-in table that does not hold together.
var errBadSpec = errors.New("inconsistent generator tables")

// sampleDataset is the built-in sample: 鶴見区 令和5年度 and 東住吉区 令和2年度.
func sampleDataset(rng *rand.Rand) *dataset {
	tt := tsurumiTopics()
	ht := higashisumiyoshiTopics()
	mailed := func() int { return []int{1500, 1800, 2000}[rng.IntN(3)] }
	return &dataset{
		waves:  append(tsurumiWaves(tt), higashisumiyoshiWaves(ht, mailed)...),
		topics: append(tt, ht...),
		plans:  []plan{tsurumiPlanText(), higashisumiyoshiPlanText()},
	}
}

// check verifies that every column of every wave is defined and that keys
// and headers are unique within a wave.
func (d *dataset) check() error {
	for _, w := range d.waves {
		if err := w.check(); err != nil {
			return fmt.Errorf("check wave %s: %w", w.id, err)
		}
	}
	return nil
}

func (w *wave) check() error {
	keys := make(map[string]bool)
	headers := make(map[string]bool)
	for _, c := range w.columns {
		switch {
		case c.role == roleAttribute && c.attr == nil:
			return fmt.Errorf("%w: no attribute %q", errBadSpec, c.key)
		case (c.role == roleQuestion || c.role == roleMulti) && c.topic == nil:
			return fmt.Errorf("%w: no topic %q", errBadSpec, c.key)
		case keys[c.key] || headers[c.header]:
			return fmt.Errorf("%w: duplicate column %q", errBadSpec, c.header)
		}
		keys[c.key], headers[c.header] = true, true
	}
	if w.minReturned < 1 || w.maxReturned < w.minReturned || w.maxReturned > w.mailed {
		return fmt.Errorf("%w: returned %d–%d of %d", errBadSpec, w.minReturned, w.maxReturned, w.mailed)
	}
	return nil
}
