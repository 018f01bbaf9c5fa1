-- runs: one row per refresh, in the run history database beside the data
-- database (history.Path), so that recording a failure or a no-op
-- never touches the data. outcome is running, ok, noop, failed, cancelled or
-- interrupted (a run still 'running' when the next one starts was killed).
-- Times are UTC. changed, reloaded and removed hold one name per line.
-- removed came later: a history made before it gains it (ALTER, below),
-- and its runs read as having removed nothing.
CREATE TABLE IF NOT EXISTS runs (
    run_id        BIGINT NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    ended_at      TIMESTAMP,
    triggered_by  VARCHAR NOT NULL,  -- cli or schedule
    pid           INTEGER NOT NULL,
    changed       VARCHAR NOT NULL DEFAULT '',
    reloaded      VARCHAR NOT NULL DEFAULT '',
    respondents   INTEGER NOT NULL DEFAULT 0,
    answers       BIGINT NOT NULL DEFAULT 0,
    actuals       INTEGER NOT NULL DEFAULT 0,
    outcome       VARCHAR NOT NULL,
    error         VARCHAR NOT NULL DEFAULT '',
    removed       VARCHAR DEFAULT ''
);
ALTER TABLE runs ADD COLUMN IF NOT EXISTS removed VARCHAR DEFAULT '';
