-- The view of a wave's record batch, once its rows are inserted.
DROP VIEW IF EXISTS wave_rows
