-- Microdata: never leaves the database except as aggregates. Created anew
-- by a full load only; an incremental load deletes and appends the rows of
-- the waves that changed (delete_wave_*.sql).
CREATE OR REPLACE TABLE respondents (
    survey_id      VARCHAR NOT NULL,
    -- Row order in the file, which locates a respondent for staff; the
    -- respondent ids themselves are checked on reading and not kept.
    respondent_no  INTEGER NOT NULL,
    -- The weight (1 in a wave without weights) as a DOUBLE, for the
    -- standard errors, and exactly, for the published rounding: an integer
    -- in units of 10^-s, s being the most decimal places of any weight of
    -- the wave (model.Wave.WeightScale). The scale differs between waves,
    -- so weight_units are summed and compared within one wave only.
    -- cell.ParseWeight bounds them below 10^25 each.
    weight         DOUBLE NOT NULL,
    weight_units   HUGEINT NOT NULL
);
-- One row per non-blank answer; a blank (無回答) has no row.
CREATE OR REPLACE TABLE answers (
    survey_id      VARCHAR NOT NULL,
    respondent_no  INTEGER NOT NULL,
    key            VARCHAR NOT NULL,
    code           INTEGER NOT NULL
);
