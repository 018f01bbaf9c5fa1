// Package disclose is the disclosure model of everything shihyo publishes
// about one wave (docs/statistics.md §6): every indicator's total
// (n_valid, n_positive), its breakdown tables and its denominator flow
// (actuals.csv's flow_*), the 単純集計 of its question and filter keys
// (frequencies.csv) and the wave's 回答者数 are linked tables over the same
// respondents. Package disclose/search finds every group of fewer than
// Threshold respondents (or the positives of one) that the published
// numbers determine, by exact integer linear algebra over them.
//
// The model: the published numbers of one question are counts of product
// sets over dimensions — the answer to the question (each code the
// indicators or the 単純集計 name, Other for any code neither names,
// NotApplicable and Blank, which no indicator counts), the keys the
// indicators filter on, and one breakdown attribute at a time. An
// indicator's total is its box (counted answers × its filter); a
// breakdown cell is the box with one code of the attribute (or, where
// choices.csv merges 無回答 into a code's row, Wave.Merged, with that
// code and Blank: the attribute's dimension keeps both levels, for the
// filters and the 単純集計 that tell them apart); the positives
// are the same sets with the positive answers; a flow count is one answer
// (or the excluded ones) inside the filter, or everyone outside it
// (対象外); a row of the 単純集計 is one answer over everyone (its 無回答
// row: NotApplicable and Blank). Each question is solved alone: a
// question's tables count no one who left it blank, so a group that a
// combination of two questions' tables determines is the union of one
// group each question's tables determine alone (its part among those who
// left the other question blank), and if it has 1 to 9 respondents, so
// has one of those.
//
// A 複数回答 question's options overlap (a respondent is in every option
// chosen): its 単純集計 and flows are kept out of the model, and their
// own rule hides each of their counts of 1 to 9.
//
// # Decomposition
//
// A question whose only domain is unfiltered decomposes (search's
// decomposed; TestDecomposedIsTheProductSearch). Over the atoms (code,
// level) of one attribute, let U be the vectors that depend on the code alone (the
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
// So for a question of one domain that does not decompose (filtered,
// say; search's quiet, TestQuietAttributesHideNothing): if the space of
// the codes and the filter keys alone determines no small group, nor
// does that of an attribute whose table is quiet (Wave.QuietTable). A
// group of the codes and the filter keys is determined there, with its
// value, as in their own space; one of the levels of the attribute
// inside the filter (a cell, a level, hidden cells together) as in the
// space (class, level) of n, p and the cells, which QuietTable solves:
// the vectors of U that are 0 outside the counted classes inside the
// filter are span(n, p) again. Any other group is determined by none: no
// number but the cells splits by the attribute, so every published
// vector is, outside the filter, the same on each level of it, and
// inside it a sum of one of the codes and the filter keys and one of
// the class and the level, which a group of a level of a filter key and
// a level of the attribute at once (the filter taking more than one
// level of the key) is not.
package disclose
