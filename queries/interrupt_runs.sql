-- Runs left 'running' by a process that was killed: the caller holds the
-- refresh lock, so none of them is still going.
UPDATE runs SET outcome = 'interrupted', error = ? WHERE outcome = 'running'
