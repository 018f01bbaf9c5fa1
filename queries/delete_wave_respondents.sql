-- One wave's rows of respondents (? is its wave_id), before it is loaded again or
-- dropped (load.DeleteWave).
DELETE FROM respondents WHERE wave_id = ?
