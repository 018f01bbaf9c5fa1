-- definitions: the definitions the last refresh that read them made of the
-- definition files (input.Read, gob-encoded), and the key of what they
-- were read from (defcache.Key). One row; replaced whole.
CREATE OR REPLACE TABLE definitions AS SELECT ?::VARCHAR AS key, ?::BLOB AS data
