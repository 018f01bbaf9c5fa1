-- manifest: what the last successful refresh was made from and what it
-- published, written in the same transaction as the data. kind is 'input'
-- (a file of the data folder: path relative to it, its sha256 and size),
-- 'wave' (path is a survey_id, sha256 the fingerprint of everything its
-- rows were read from), 'site' (a published file, path relative to the
-- output folder), 'page' (a page, sha256 the content key it was rendered
-- from: dashboards.RenderSite), 'source' (a page, sha256 the key of what
-- its model was built from: pageset.Job.Source) or 'program' (the shihyo
-- binary that did it).
CREATE TABLE IF NOT EXISTS manifest (
    kind    VARCHAR NOT NULL,
    path    VARCHAR NOT NULL,
    sha256  VARCHAR NOT NULL,
    size    BIGINT NOT NULL
);
