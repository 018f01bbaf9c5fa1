-- The yardstick of issue 16 (make bench-scale, BENCHMARKS.md): DuckDB
-- reading every response file (? is the glob DATA/responses/*.csv) into
-- one table, all columns as text, with its default threads.
CREATE TABLE responses AS
SELECT * FROM read_csv(?, union_by_name = true, all_varchar = true)
