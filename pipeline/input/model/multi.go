package model

import "slices"

// MultiQuestion is a 複数回答 question of a wave (role multi): its key and
// its options, the codes of kind answer among its choices, sorted.
type MultiQuestion struct {
	Key     string
	Options []int
}

// MultiAnswer is one respondent's answer to a 複数回答 question. Chosen is
// the answer codes marked, sorted and each once; it is empty for 無回答
// (nothing marked, or a missing code) and for 非該当 (a not_applicable
// code), which NotApplicable tells apart. A missing or not_applicable code
// marked together with another code is a problem of the response file, so
// an answer is one of the three.
//
// An indicator on the question is to count (docs/inputs.md): in its base
// the respondents who Answered and did not choose only excluded options
// (OnlyAmong the excluded codes: an 「わからない」 marked alone), positive
// those of them who chose Any of the positive codes.
type MultiAnswer struct {
	Chosen        []int32
	NotApplicable bool
}

// Answered reports whether at least one answer code was chosen.
func (a MultiAnswer) Answered() bool { return len(a.Chosen) > 0 }

// Any reports whether any of codes was chosen.
func (a MultiAnswer) Any(codes []int) bool {
	for _, c := range a.Chosen {
		if slices.Contains(codes, int(c)) {
			return true
		}
	}
	return false
}

// OnlyAmong reports whether something was chosen and every code chosen is
// one of codes.
func (a MultiAnswer) OnlyAmong(codes []int) bool {
	for _, c := range a.Chosen {
		if !slices.Contains(codes, int(c)) {
			return false
		}
	}
	return a.Answered()
}

// MaxMultiOption is the largest option code of a 複数回答 question that an
// indicator or a filter can be computed on: the microdata hold a
// respondent's options as the bits of one INTEGER (package tally), bits 0
// to 30. A question with other codes is read and checked, but an
// indicator or filter on it is refused (validation.md).
const MaxMultiOption = 30
