-- Whether the database holds table ? (in main): the manifest, once a
-- refresh completed in it; the kept definitions and the segments, once a
-- refresh of a version that keeps them did.
SELECT count(*) > 0 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?
