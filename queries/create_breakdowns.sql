-- The published breakdowns, one row per indicator (series) × wave × attribute ×
-- code: what breakdowns.csv shows. A suppressed cell (n < 10, or its
-- complementary cell) has NULL n and percentages. No microdata.
-- Filled by the Appender, in the order of these columns: the db tags of
-- compute.Breakdown name them in this order (TestBreakdownColumns).
CREATE OR REPLACE TABLE breakdowns (
    indicator_id    INTEGER NOT NULL,
    ward            VARCHAR NOT NULL,
    plan_year       INTEGER NOT NULL,
    issue_no        INTEGER NOT NULL,
    indicator_no    INTEGER NOT NULL,
    title           VARCHAR NOT NULL,
    survey_id       VARCHAR NOT NULL,
    fiscal_year     INTEGER NOT NULL,
    weighted        BOOLEAN NOT NULL,
    attribute_key   VARCHAR NOT NULL,
    attribute_text  VARCHAR NOT NULL,
    code            INTEGER,            -- NULL: attribute left blank (無回答)
    label           VARCHAR NOT NULL,
    n_valid         INTEGER,
    percent         DECIMAL(4,1),
    percent_exact   DOUBLE,
    ci_low          DOUBLE,
    ci_high         DOUBLE,
    reference       BOOLEAN NOT NULL,   -- 参考値: n ≤ 30
    suppressed      BOOLEAN NOT NULL
)
