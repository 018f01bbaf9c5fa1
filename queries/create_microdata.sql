-- Microdata: never leaves the database except as aggregates. Created anew
-- by a full load only; an incremental load deletes and appends the rows of
-- the waves that changed (delete_wave_*.sql).
CREATE OR REPLACE TABLE respondents (
    survey_id      VARCHAR NOT NULL,
    -- Row order in the file, which locates a respondent for staff; the
    -- respondent ids themselves are checked on reading and not kept.
    respondent_no  INTEGER NOT NULL,
    weight         DOUBLE NOT NULL
);
-- One row per non-blank answer; a blank (無回答) has no row.
CREATE OR REPLACE TABLE answers (
    survey_id      VARCHAR NOT NULL,
    respondent_no  INTEGER NOT NULL,
    key            VARCHAR NOT NULL,
    code           INTEGER NOT NULL
);
