-- segments: how the last successful refresh's breakdowns.csv and
-- frequencies.csv run (manifest.Segment): the header, then each run of
-- rows of one indicator in one wave, or of one wave, with its length in
-- bytes; gob-encoded, one row per file. A refresh that reloads some waves
-- copies the runs of the others from the published file (package stage).
-- Replaced whole with the manifest.
CREATE OR REPLACE TABLE segments (
    file  VARCHAR NOT NULL,
    runs  BLOB NOT NULL
);
