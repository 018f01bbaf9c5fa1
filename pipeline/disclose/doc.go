// Package disclose is the disclosure model of everything shihyo publishes
// about one wave (docs/statistics.md §6): every indicator's total (n_valid,
// n_positive) and its breakdown tables are linked tables over the same
// respondents, and Audit finds every group of fewer than Threshold
// respondents (or the positives of one) that the published numbers
// determine, by exact integer linear algebra over them.
//
// The model: the published numbers of one question are counts of product
// sets over dimensions — the answer class of the question (which
// indicators count the code, and as positive), the keys the indicators
// filter on, and one breakdown attribute at a time. An indicator's total
// is its box (counted classes × its filter); a breakdown cell is the box
// with one code of the attribute; the positives are the same sets with
// the positive classes. Each question is solved alone: a question's
// tables count no one who left it blank, so a group that a combination of
// two questions' tables determines is the union of one group each
// question's tables determine alone (its part among those who left the
// other question blank), and if it has 1 to 9 respondents, so has one of
// those.
//
// What is searched for (targets), for each indicator on the question: each
// combination of one code per dimension (a group such as 子育て中ではない ×
// 女性), each region that the filters cut out (子育て中 but not 60歳以上),
// alone and cut by one dimension — one code, or the codes some table of
// the question by that key hides (each, each pair, all) — each hidden
// cell, every pair of hidden cells of a table and a table's hidden cells
// together. A target is determined when its indicator vector is in the
// row space of the published numbers; its value is then the same
// combination of them. A group of 0 is no one and is not a leak; a shown
// cell (or filtered total) of 1 to 9 is one. The targets are not every
// union of groups: TestAuditFindsWhatBruteForceFinds tries every union on
// random small linked tables and finds a leak only where Audit does.
//
// Not searched: bounds from non-negativity (an LP would give each hidden
// cell an interval, not its value), and groups that mix two breakdown
// attributes other than the filters (the published tables never cross two
// attributes, so such a set is determined only through its parts by one
// attribute, which are searched).
package disclose
