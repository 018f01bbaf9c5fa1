-- One wave's rows of wave_keys (? is its wave_id), before it is loaded again or
-- dropped (load.DeleteWave).
DELETE FROM wave_keys WHERE wave_id = ?
