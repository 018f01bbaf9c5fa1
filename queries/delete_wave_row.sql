-- One wave's rows of waves (? is its wave_id), before it is loaded again or
-- dropped (load.DeleteWave).
DELETE FROM waves WHERE wave_id = ?
