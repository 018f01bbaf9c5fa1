-- The segments of each published table (create_segments.sql).
SELECT file, runs FROM segments
