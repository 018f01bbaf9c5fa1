-- The published results, one row per indicator (series) × wave: what actuals.csv,
-- the pages and the exports show. No microdata.
CREATE OR REPLACE TABLE actuals (
    indicator_id        INTEGER NOT NULL,
    ward                VARCHAR NOT NULL,
    plan_year           INTEGER NOT NULL,
    issue_no            INTEGER NOT NULL,
    indicator_no        INTEGER NOT NULL,
    title               VARCHAR NOT NULL,
    population          VARCHAR NOT NULL,
    question_key        VARCHAR NOT NULL,
    question_text       VARCHAR NOT NULL,
    survey_id           VARCHAR NOT NULL,
    fiscal_year         INTEGER NOT NULL,
    mailed              INTEGER NOT NULL,
    respondents         INTEGER NOT NULL,
    weighted            BOOLEAN NOT NULL,
    n_valid             INTEGER NOT NULL,
    n_positive          INTEGER NOT NULL,
    percent             DECIMAL(4,1) NOT NULL,
    percent_exact       DOUBLE NOT NULL,
    ci_low              DOUBLE,
    ci_high             DOUBLE,
    percent_unweighted  DOUBLE,
    n_effective         DOUBLE,
    previous_percent    DECIMAL(4,1),
    change_points       DECIMAL(4,1),
    change_flag         VARCHAR NOT NULL,
    trajectory          VARCHAR NOT NULL,
    projected_percent   DOUBLE,
    target_percent      DOUBLE NOT NULL,
    target_op           VARCHAR NOT NULL,
    target_year         INTEGER NOT NULL,
    status              VARCHAR NOT NULL,
    change_p_value      DOUBLE,
    path_percent        DOUBLE,
    points_per_year_needed DOUBLE,
    projected_low       DOUBLE,
    projected_high      DOUBLE,
    series              VARCHAR NOT NULL,   -- the indicator across plans: each row judged by the plan of its fiscal year
    -- The denominator's flow, unweighted (compute.Actual): respondents =
    -- flow_filtered + flow_not_applicable + flow_no_answer + flow_excluded
    -- + n_valid. The _by columns are code:label=n, separated by "; ".
    -- NULL: a count of 1 to 9, or its complement, that is not published
    -- (docs/statistics.md §1; null_hidden_flows.sql).
    flow_filtered       INTEGER,
    flow_not_applicable INTEGER,
    flow_no_answer      INTEGER,
    flow_excluded       INTEGER,
    flow_excluded_by    VARCHAR NOT NULL,
    flow_positive_by    VARCHAR NOT NULL,
    -- The question is a 複数回答 one (role multi) in this wave.
    multi               BOOLEAN NOT NULL
)
