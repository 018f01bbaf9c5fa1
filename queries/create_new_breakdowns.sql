-- The breakdowns of the waves a refresh loaded again, before they are
-- merged into breakdowns (store.Store: update_, delete_ and
-- insert_wave_breakdowns): a temporary table, gone with the connection.
CREATE OR REPLACE TEMP TABLE new_breakdowns AS SELECT * FROM breakdowns LIMIT 0
