// Package stats holds the statistics of shihyo's published numbers, computed
// from sums over a domain rather than from respondent rows, so that no
// microdata has to leave the database. Every formula agrees with what R's
// survey package gives for a design svydesign(ids = ~1, weights = ~w) on the
// whole wave, subset to the domain (see docs/statistics.md and the R
// cross-check in pipeline/compute/testdata/crosscheck).
//
// Proportions are on the 0–1 scale here; callers convert to points.
package stats

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Level is the confidence level of every interval and test: 95%, the level
// of the survey reports staff already read.
const Level = 0.95

// ErrEmptyDomain is returned for a domain with no respondent or no weight.
var ErrEmptyDomain = errors.New("empty domain")

// Sums are the totals over one domain (the respondents counted by an
// indicator, or by one cell of a breakdown) in one wave. w is the weight (1
// in an unweighted wave) and y is 1 for a positive answer, 0 otherwise.
type Sums struct {
	NWave     int     // rows of the whole wave: the design's sample size
	NValid    int     // respondents in the domain
	NPositive int     // respondents in the domain with y = 1
	SumW      float64 // Σw
	SumWY     float64 // Σw·y
	SumW2     float64 // Σw²
	SumW2Y    float64 // Σw²·y
}

// Proportion is a weighted share with the quantities its interval and tests
// need.
type Proportion struct {
	P    float64 // Σwy / Σw
	SE   float64 // linearization standard error of P
	N    int     // respondents in the domain
	NEff float64 // Kish's effective sample size (Σw)² / Σw²; N when unweighted
}

// Estimate returns the weighted proportion of s and its standard error.
// It returns ErrEmptyDomain when s has no respondent or no weight.
func Estimate(s Sums) (Proportion, error) {
	if s.NValid < 1 || !(s.SumW > 0) || !(s.SumW2 > 0) {
		return Proportion{}, ErrEmptyDomain
	}
	p := s.SumWY / s.SumW
	return Proportion{P: p, SE: linearizationSE(s, p), N: s.NValid, NEff: s.SumW * s.SumW / s.SumW2}, nil
}

// linearizationSE is R's SE(svymean(~y, subset(design, domain))): the
// influence values u = w(y − p)/Σw over the domain, with the with-replacement
// factor n/(n−1) where n is the whole wave. R keeps the rows outside the
// domain in the design with zero weight, so n is not the domain size.
func linearizationSE(s Sums, p float64) float64 {
	if s.NWave < 2 {
		return math.NaN()
	}
	// Σw²(y−p)² expanded for y ∈ {0, 1}: Σw²y·(1 − 2p) + p²·Σw².
	ss := s.SumW2Y*(1-2*p) + p*p*s.SumW2
	if ss < 0 { // rounding when every y is equal
		ss = 0
	}
	n := float64(s.NWave)
	return math.Sqrt(n/(n-1)*ss) / s.SumW
}

// Interval is a confidence interval on the 0–1 scale.
type Interval struct {
	Low, High float64
}

// CI returns the two-sided interval at the given level, as R's
// svyciprop(method = "logit") computes it: the interval for logit(p) with
// standard error SE/(p(1−p)) and Student's t quantile with N − 1 degrees of
// freedom, transformed back. It is false when N < 2 and P is strictly
// between 0 and 1 (there are no degrees of freedom).
//
// When P is 0 or 1 the logit interval has zero width (R returns [0, 0] or
// [1, 1]), which would claim certainty from a handful of answers. CI then
// returns the exact Clopper–Pearson interval for 0 (or N) positives out of
// NEff instead, R's binom.test for an unweighted wave.
func (p Proportion) CI(level float64) (Interval, bool) {
	alpha := 1 - level
	if p.P <= 0 || p.P >= 1 {
		return p.exactCI(alpha)
	}
	if p.N < 2 || math.IsNaN(p.SE) {
		return Interval{}, false
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(p.N - 1)}.Quantile(1 - alpha/2)
	logit := math.Log(p.P / (1 - p.P))
	half := t * p.SE / (p.P * (1 - p.P))
	return Interval{Low: expit(logit - half), High: expit(logit + half)}, true
}

// exactCI is the Clopper–Pearson interval for a share of 0 or 1.
func (p Proportion) exactCI(alpha float64) (Interval, bool) {
	if !(p.NEff > 0) {
		return Interval{}, false
	}
	if p.P <= 0 {
		return Interval{Low: 0, High: distuv.Beta{Alpha: 1, Beta: p.NEff}.Quantile(1 - alpha/2)}, true
	}
	return Interval{Low: distuv.Beta{Alpha: p.NEff, Beta: 1}.Quantile(alpha / 2), High: 1}, true
}

func expit(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
