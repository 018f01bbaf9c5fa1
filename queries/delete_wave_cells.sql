-- One wave's rows of cells (? is its wave_id), before it is loaded again or
-- dropped (load.DeleteWave).
DELETE FROM cells WHERE wave_id = ?
