package microdata

import "github.com/shihyo/shihyo/pipeline/input/model"

// A 複数回答 question (role multi) is one column of a Wave, as a single
// answer is: its code is the set of options chosen, bit c set for option
// c, so that the microdata keep their one row per respondent and one
// INTEGER per key. That bounds the options of such a question to the
// codes 0 to model.MaxMultiOption (validation refuses an indicator or
// filter on a question with others; package codes). Nothing chosen (or a
// missing code) is model.Blank and 非該当 model.NotApplicable, as for a
// single answer; both are negative, and a set of options never is.

// MultiCode is the code that stands for answer a in a Wave's column. The
// codes chosen must be 0 to model.MaxMultiOption (FromModel keeps only
// such questions): a higher one has no bit.
func MultiCode(a model.MultiAnswer) int32 {
	switch {
	case a.NotApplicable:
		return model.NotApplicable
	case !a.Answered():
		return model.Blank
	}
	var bits int32
	for _, c := range a.Chosen {
		bits |= 1 << c
	}
	return bits
}

// MultiMask is the options of code v of a 複数回答 column as a bit set; 0
// for a blank or 非該当.
func MultiMask(v int32) uint64 {
	if v <= 0 {
		return 0
	}
	return uint64(v)
}

// MultiOptions are the options of code v of a 複数回答 column, ascending.
func MultiOptions(v int32) []int {
	var out []int
	for c := 0; c <= model.MaxMultiOption; c++ {
		if MultiMask(v)>>c&1 == 1 {
			out = append(out, c)
		}
	}
	return out
}

// storable reports whether a 複数回答 question's options all fit a
// column's bit set.
func storable(q model.MultiQuestion) bool {
	for _, c := range q.Options {
		if c < 0 || c > model.MaxMultiOption {
			return false
		}
	}
	return true
}
