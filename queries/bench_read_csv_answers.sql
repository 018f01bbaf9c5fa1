-- Benchmark only (BenchmarkIngest): the read_csv ingest path, kept to show
-- why the Appender was chosen. Reads one transcoded UTF-8 response file and
-- inserts its non-blank answers in long form. Column names are matched to
-- keys through the questions table, so no identifier from input is pasted.
INSERT INTO answers
WITH raw AS (
    SELECT row_number() OVER () AS respondent_no, *
    FROM read_csv(?, header = true, all_varchar = true)
),
long AS (
    UNPIVOT raw ON COLUMNS(* EXCLUDE (respondent_no)) INTO NAME col VALUE val
)
SELECT q.survey_id, CAST(l.respondent_no AS INTEGER), q.key, CAST(l.val AS INTEGER)
FROM long l
JOIN questions q ON q.survey_id = ? AND q.col = l.col AND q.role IN ('question', 'attribute')
WHERE trim(l.val) <> ''
