// Package search is the auditor of package disclose's model: Audit and
// Question solve the published numbers of each question of a wave
// exactly (fraction-free integer elimination, package solve) and report
// every group of 1 to Threshold−1 respondents that they determine.
//
// What is searched for (targets), for each indicator on the question:
// each combination of one code per dimension (a group such as
// 子育て中ではない × 女性), each region that the filters cut out (子育て中
// but not 60歳以上), alone and cut by one dimension — one code, or the
// codes some table of the question by that key hides (each, each pair,
// all) — the same cuts of everyone (whatever the other keys: by one key,
// or by a filter's codes or the rest of them and one more key), each
// hidden cell, every pair of hidden cells of a table and a table's hidden
// cells together; and a set of a domain (hidden cells, a shown cell, its
// part inside another's filter) less what one or two other domains show
// inside it (a cell, a table's shown cells, a total). Beside them: each hidden row of the
// question's 単純集計 and of its filter keys', each hidden flow count,
// each pair and all of one table (the 単純集計 of one key; a flow's 対象外,
// its counts left out after the filter, its positives by code), and each
// region the filters cut out counted over everyone (those who left the
// question blank too). A target is determined when its indicator vector
// is in the row space of the published numbers; its value is then the
// same combination of them. A group of 0 is no one and is not a leak; a
// shown number of 1 to 9 is one. The targets are not every union of
// groups: TestAuditFindsWhatBruteForceFinds tries every union on random
// small linked tables (two keys of three levels) and finds a leak only
// where Audit does. On larger ones it is not so: with several domains on
// the question filtered on different keys, the exhaustive attacker in
// testdata/attack recovers unions that no target is (its README).
//
// Not protected (exempt, docs/statistics.md §6.2): the positives or the
// negatives of a group determined with Threshold or more (a percentage);
// what 回答者数 and the unfiltered totals alone determine (the plan's own
// figures, never hidden); everyone an indicator whose total is shown
// leaves out inside its filter (the filter's count less n: the
// respondents of a filter level whom the indicator does not count, the
// same kind of group as an attribute's 単純集計 row less a breakdown cell,
// which is not protected either).
//
// The 単純集計 of an attribute no indicator filters on is not in the
// model: every level of it also holds respondents whom no number of the
// question splits by it (those who left the question blank), so under
// equalities it determines nothing about the question's groups but its
// own rows, which its one-way rule protects (TestAttributeMarginalsAddNothing
// checks it on the brute-force tables). A filter key's 単純集計 is in the
// model: its rows are the filter's counts.
//
// A question whose only domain is unfiltered decomposes (decomposed;
// TestDecomposedIsTheProductSearch), and the 単純集計 rows, flow counts and
// regions over everyone are one search for every attribute (product;
// TestPublishedTargetsOfEveryAttribute): the proofs are in package
// disclose's documentation, under "Decomposition".
//
// Not searched: bounds from non-negativity (an LP would give each hidden
// cell an interval, not its value); groups that mix two breakdown
// attributes other than the filters (the published tables never cross two
// attributes, so such a set is determined only through its parts by one
// attribute, which are searched); and one code's part of a group that is
// no published count (those of a region who answered 1 rather than 2:
// only the group's counted and positive answers are searched).
package search
