-- The surveys of one refresh: a row of surveys.csv each, with the rows
-- its wave has. Replaced whole by every load (load.Definitions): a wave
-- loaded again changes its respondents while the other definition tables
-- (schema.sql) stay as they are.
CREATE OR REPLACE TABLE surveys (
    survey_id    VARCHAR PRIMARY KEY,
    ward         VARCHAR NOT NULL,
    fiscal_year  INTEGER NOT NULL,
    population   VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    encoding     VARCHAR NOT NULL,
    slug         VARCHAR NOT NULL,   -- the ward's page name chosen by staff; '' when not given
    mailed       INTEGER,            -- NULL when unknown
    respondents  INTEGER NOT NULL,
    weighted     BOOLEAN NOT NULL
);
