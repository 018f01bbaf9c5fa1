-- Whether a refresh has stored how its tables run (create_segments.sql).
SELECT count(*) > 0 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'segments'
