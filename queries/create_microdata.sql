-- Microdata: never leaves the database except as aggregates. Created anew
-- by a full load only; an incremental load deletes and appends the rows of
-- the waves that changed (delete_wave.sql).
--
-- A wave is a row of waves, its integer wave_id kept while its survey_id
-- stays in surveys.csv, so that nothing in the hot path is a text key.
CREATE OR REPLACE TABLE waves (
    wave_id       INTEGER NOT NULL,
    survey_id     VARCHAR NOT NULL,
    respondents   INTEGER NOT NULL,
    -- The weights' unit is 10^-weight_scale: the most decimal places of
    -- any weight of the wave (model.Wave.WeightScale); 0 without weights.
    weight_scale  INTEGER NOT NULL
);
-- The attribute and question keys of a wave, in questions.csv order, then
-- its 複数回答 questions: key_no is the position of the key's answer in
-- respondents.answers (from 1). A multi key's answer is the set of options
-- chosen, bit c for option c (package tally, MultiCode).
CREATE OR REPLACE TABLE wave_keys (
    wave_id  INTEGER NOT NULL,
    key_no   INTEGER NOT NULL,
    key      VARCHAR NOT NULL,
    multi    BOOLEAN NOT NULL
);
-- One row per respondent.
CREATE OR REPLACE TABLE respondents (
    wave_id        INTEGER NOT NULL,
    -- Row order in the file, which locates a respondent for staff; the
    -- respondent ids themselves are checked on reading and not kept.
    respondent_no  INTEGER NOT NULL,
    -- The weight (1 in a wave without weights) as a DOUBLE, for the
    -- standard errors, and exactly, for the published rounding: an integer
    -- in units of 10^-weight_scale. The scale differs between waves, so
    -- weight_units are summed and compared within one wave only.
    -- cell.ParseWeight bounds them below 10^25 each.
    weight         DOUBLE NOT NULL,
    weight_units   HUGEINT NOT NULL,
    -- The answer codes, one per wave_keys row in key_no order; NULL is a
    -- blank (無回答).
    answers        INTEGER[] NOT NULL
);
-- The answers in long form, for analysts: one row per non-blank answer,
-- and per option chosen of a 複数回答 question.
CREATE OR REPLACE VIEW answers AS
SELECT w.survey_id, r.respondent_no, k.key, r.answers[k.key_no] AS code
FROM respondents r
JOIN waves w ON w.wave_id = r.wave_id
JOIN wave_keys k ON k.wave_id = r.wave_id
WHERE r.answers[k.key_no] IS NOT NULL AND NOT k.multi
UNION ALL
SELECT w.survey_id, r.respondent_no, k.key, CAST(o.code AS INTEGER) AS code
FROM respondents r
JOIN waves w ON w.wave_id = r.wave_id
JOIN wave_keys k ON k.wave_id = r.wave_id
CROSS JOIN range(0, 31) AS o(code)
WHERE k.multi AND r.answers[k.key_no] > 0 AND (r.answers[k.key_no] >> CAST(o.code AS INTEGER)) & 1 = 1;
-- The domains of the indicators (package tally: filter, question, excluded
-- and positive codes), each written out as its canonical spec. A domain
-- keeps its id, and its sums, while some indicator has it.
CREATE OR REPLACE TABLE domains (
    domain_id  INTEGER NOT NULL,
    spec       VARCHAR NOT NULL
);
-- The sums of each domain in each wave that measures it (package tally):
-- the domain's total (key_no 0, code NULL) and each attribute × code cell
-- (key_no of the attribute, code NULL for 無回答). Like the microdata, they
-- hold cells too small to publish: package compute decides what leaves.
-- sw… are the weights as DOUBLE, swu and swyu exactly in the wave's units,
-- each as two halves: swu = swu_hi · 2⁶⁴ + swu_lo. Not one HUGEINT:
-- DuckDB 1.1 checkpoints a table that gained rows into a stored row group
-- of bit-packed HUGEINTs about ten times slower than it writes the table
-- anew (0.2–0.5 s for the 117,000 cells of a city, on every refresh that
-- loads a wave).
CREATE OR REPLACE TABLE cells (
    wave_id     INTEGER NOT NULL,
    domain_id   INTEGER NOT NULL,
    key_no      INTEGER NOT NULL,
    code        INTEGER,
    n           INTEGER NOT NULL,
    n_positive  INTEGER NOT NULL,
    sw          DOUBLE NOT NULL,
    swy         DOUBLE NOT NULL,
    sw2         DOUBLE NOT NULL,
    sw2y        DOUBLE NOT NULL,
    swu_hi      UBIGINT NOT NULL,
    swu_lo      UBIGINT NOT NULL,
    swyu_hi     UBIGINT NOT NULL,
    swyu_lo     UBIGINT NOT NULL
);
-- Where the respondents of each wave went on the way to each domain's
-- denominator (tally.Flow), counted with its sums: step is filtered,
-- not_applicable, missing or excluded (code NULL), or excluded_code or
-- positive_code with the code. The wave's rows less the four steps is the
-- domain's n (cells, key_no 0).
CREATE OR REPLACE TABLE flows (
    wave_id    INTEGER NOT NULL,
    domain_id  INTEGER NOT NULL,
    step       VARCHAR NOT NULL,
    code       INTEGER,
    n          INTEGER NOT NULL
);
