-- Microdata: never leaves the database except as aggregates. Created anew
-- by a full load only; an incremental load deletes and appends the rows of
-- the waves that changed (delete_wave_*.sql).
CREATE OR REPLACE TABLE respondents (
    survey_id      VARCHAR NOT NULL,
    respondent_no  INTEGER NOT NULL,  -- row order in the file
    respondent_id  VARCHAR NOT NULL,
    weight         DOUBLE NOT NULL
);
-- One row per non-blank answer; a blank (無回答) has no row.
CREATE OR REPLACE TABLE answers (
    survey_id      VARCHAR NOT NULL,
    respondent_no  INTEGER NOT NULL,
    key            VARCHAR NOT NULL,
    code           INTEGER NOT NULL
);
