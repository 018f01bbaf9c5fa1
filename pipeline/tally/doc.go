// Package tally is the per-wave pass of the engine: every sum that a
// published number is computed from, added up in Go in one pass over one
// wave's microdata while the wave is in memory (just read from its file,
// or read back from the database when only the definitions changed).
//
// The model:
//
//   - microdata.Wave: one row per respondent, the answers as integer codes
//     in one flat array (a column per key of the wave), the weights as
//     float64 and exactly (U128 units of 10^−Scale).
//   - Domain: an indicator's rule of who is counted (filter, question,
//     excluded and positive codes), with a canonical Spec that keys its
//     stored sums, so that indicators sharing a rule share their sums and a
//     changed rule is a new domain.
//   - Tally: one domain in one wave, its Total and its Cells by attribute
//     × code (無回答 as model.Blank), each a Sums: n, n_positive, Σw, Σwy,
//     Σw², Σw²y and the exact Σw, Σwy that the half-up rounding
//     (Sums.Tenths) divides.
//
// Sums are not published numbers: they include the cells that disclosure
// control hides, and stay inside the process and the database (table
// cells). Package compute decides what is published from them.
//
// Extension points (the features planned after issue 16 are each one
// addition here, in the same pass). Done:
//
//   - The denominator flow per indicator × wave (回答者数 → 対象外 → 無回答 →
//     除外 by code → n → 肯定 by code): Tally.Flow, counted by stepOf in
//     exactly that order (flow.go) and stored with the sums (table flows).
//   - 複数回答 (a respondent's set of options): a multi-answer key holds a
//     bit set of the chosen codes in its column (microdata.MultiCode; the
//     base is the respondents who chose anything and not only excluded
//     options); compiled.passes, isExcluded and isPositive test the mask.
//   - not_applicable (非該当, outside the question's domain): model
//     .NotApplicable in a column, counted as 対象外 in the flow rather than
//     as 無回答.
//   - 単純集計 (every question's full distribution in a wave): the domain
//     Everyone (everyone.go), which every wave's plan counts: every
//     respondent, with a cell per key × code of the wave; a 複数回答 key
//     gets a cell per option chosen (microdata.MultiOptions).
//   - Cross-table disclosure control (issue 12): Count returns every
//     cell of every domain of a wave at once, and package compute links
//     one wave's []Tally into package disclose's model before anything is
//     published, with the 単純集計 (Everyone's cells of the indicators'
//     questions and filter keys) and each domain's Flow (compute/decide).
package tally
