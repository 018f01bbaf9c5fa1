-- The segments of one published table (create_segments.sql).
INSERT INTO segments VALUES (?, ?)
