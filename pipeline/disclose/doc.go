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
package disclose
