-- The definition tables of one refresh, replaced whole by each load whose
-- definition files changed (load.Definitions); surveys, whose respondents
-- come from the waves, is create_surveys.sql, replaced by every load. The
-- microdata (create_microdata.sql) is replaced one wave at a time.
CREATE OR REPLACE TABLE questions (
    survey_id  VARCHAR NOT NULL,
    col        VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    text       VARCHAR NOT NULL
);
CREATE OR REPLACE TABLE choices (
    survey_id  VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    code       INTEGER NOT NULL,
    label      VARCHAR NOT NULL
);
CREATE OR REPLACE TABLE indicators (
    indicator_id    INTEGER PRIMARY KEY,
    ward            VARCHAR NOT NULL,
    plan_year       INTEGER NOT NULL,
    issue_no        INTEGER NOT NULL,
    indicator_no    INTEGER NOT NULL,
    title           VARCHAR NOT NULL,
    population      VARCHAR NOT NULL,
    question_key    VARCHAR NOT NULL,
    filter_text     VARCHAR NOT NULL,
    target_percent  DECIMAL(7,3) NOT NULL,
    target_op       VARCHAR NOT NULL,
    target_year     INTEGER NOT NULL,
    source_text     VARCHAR NOT NULL,
    series          VARCHAR NOT NULL    -- the indicator across plans: indicators.csv's series, else its counting written out (package series)
);
-- kind is 'positive' or 'excluded'.
CREATE OR REPLACE TABLE indicator_codes (
    indicator_id  INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,
    code          INTEGER NOT NULL
);
-- One row per code of each filter clause; clauses are ANDed, codes ORed.
CREATE OR REPLACE TABLE indicator_filters (
    indicator_id  INTEGER NOT NULL,
    clause_no     INTEGER NOT NULL,
    key           VARCHAR NOT NULL,
    code          INTEGER NOT NULL
);
CREATE OR REPLACE TABLE plans (
    ward       VARCHAR NOT NULL,
    plan_year  INTEGER NOT NULL,
    goal       VARCHAR NOT NULL,
    mission    VARCHAR NOT NULL,
    slug       VARCHAR NOT NULL    -- the ward's page name chosen by staff; '' when not given
);
CREATE OR REPLACE TABLE plan_issues (
    ward       VARCHAR NOT NULL,
    plan_year  INTEGER NOT NULL,
    issue_no   INTEGER NOT NULL,
    title      VARCHAR NOT NULL
);
-- plan_actions.csv: a 具体的取組's amount, or (action_no '') a 経営課題's own
-- 決算額・予算額 of one year; budget_kind '' (and 0s) when none is printed.
CREATE OR REPLACE TABLE plan_actions (
    ward                 VARCHAR NOT NULL,
    plan_year            INTEGER NOT NULL,
    issue_no             INTEGER NOT NULL,
    strategy_no          VARCHAR NOT NULL,
    action_no            VARCHAR NOT NULL,
    title                VARCHAR NOT NULL,
    budget_thousand_yen  BIGINT NOT NULL,
    budget_kind          VARCHAR NOT NULL,
    fiscal_year          INTEGER NOT NULL
);
-- Not a definition table: kept across refreshes (created here, once, for a
-- database that lacks it; a full reload starts from an empty file). The
-- disclosure decisions of each wave (package compute/keep): data is their
-- encoding, fingerprint the SHA-256 of everything they were decided from,
-- the shihyo binary included. A refresh uses a row again only when the
-- wave's fingerprint is the stored one, and replaces the rows of the waves
-- it decided, in its own transaction.
CREATE TABLE IF NOT EXISTS decisions (
    survey_id    VARCHAR NOT NULL,
    fingerprint  BLOB NOT NULL,
    data         BLOB NOT NULL
);
