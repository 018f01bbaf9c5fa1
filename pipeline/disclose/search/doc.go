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
// all) — each hidden cell, every pair of hidden cells of a table and a
// table's hidden cells together. Beside them: each hidden row of the
// question's 単純集計 and of its filter keys', each hidden flow count,
// each pair and all of one table (the 単純集計 of one key; a flow's 対象外,
// its counts left out after the filter, its positives by code), and each
// region the filters cut out counted over everyone (those who left the
// question blank too). A target is determined when its indicator vector
// is in the row space of the published numbers; its value is then the
// same combination of them. A group of 0 is no one and is not a leak; a
// shown number of 1 to 9 is one. The targets are not every union of
// groups: TestAuditFindsWhatBruteForceFinds tries every union on random
// small linked tables and finds a leak only where Audit does.
//
// Not protected (exempt, docs/statistics.md §6.2): the positives or the
// negatives of a group determined with Threshold or more (a percentage);
// what 回答者数 and the unfiltered totals alone determine (the plan's own
// figures, never hidden); everyone an indicator leaves out inside its
// filter (the filter's count less n: the respondents of a filter level
// whom the indicator does not count, the same kind of group as an
// attribute's 単純集計 row less a breakdown cell, which is not protected
// either).
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
// TestDecomposedIsTheProductSearch). Over the atoms (code, level) of one
// attribute, let U be the vectors that depend on the code alone (the
// 単純集計 rows, the flow counts, 回答者数, the total n and positives p) and W
// those that depend on (class, level) alone, the class being positive or
// counted but not positive (the breakdown cells, n and p again, and a
// cell over two levels too). Every published row is in U or in W; those
// of W and its targets (each cell, pair and union of hidden cells,
// their positives) are zero outside the counted classes, which both hold
// a code (else no decomposition). U ∩ W is the vectors of the class
// alone; among them, those zero outside the counted classes are
// span(n, p). Let R_U, R_W be the spans of the rows of U and of W.
// (1) A target t in U is in R_U + R_W iff in R_U: if t = u + w, w = t − u
// is in U ∩ R_W, zero outside the counted classes, so in span(n, p) ⊆ R_U.
// (2) A target t in W (zero outside the counted classes) is in R_U + R_W
// iff in span(n, p) + R_W: if t = u + w, u = t − w is in U ∩ W and zero
// outside the counted classes. So the code targets are solved once in
// the space of the codes, and each attribute's in the space (class,
// level) with the rows n, p and its cells. The value is the same: the
// combination of the rows the elimination keeps is unique. So are the
// numbers used: rows are kept in order (回答者数, 単純集計, n, p, then cells,
// then flows), and by (1) and (2) a row of U is kept iff it is among the
// rows of U, a cell iff among n, p and the cells; a target of U combines
// rows of U only (its part of cells would be in span(n, p), given by
// kept rows before them, hence zero); a target of W combines cells and a
// vector of span(n, p), which the rows of U before the cells give in one
// way. The exemptions agree too: a share is a cell's or the total's
// vector in either space; what the filter leaves out is no target of W;
// span(回答者数, n, p) holds a target of W iff span(n, p) does.
//
// The same argument, with the filter keys beside the code, makes the
// hidden 単純集計 rows, flow counts and regions over everyone (functions of
// the code and the filter keys) one search for every attribute (product;
// TestPublishedTargetsOfEveryAttribute): a combination of breakdown
// cells by an attribute that is no filter key that depends on no level
// of it is, level by level, one of the boxes of the domains whose cells
// it uses, so of their totals, shown and kept before their cells.
//
// Not searched: bounds from non-negativity (an LP would give each hidden
// cell an interval, not its value); groups that mix two breakdown
// attributes other than the filters (the published tables never cross two
// attributes, so such a set is determined only through its parts by one
// attribute, which are searched); and one code's part of a group that is
// no published count (those of a region who answered 1 rather than 2:
// only the group's counted and positive answers are searched).
package search
