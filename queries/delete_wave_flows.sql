-- One wave's rows of flows (? is its wave_id), with its cells.
DELETE FROM flows WHERE wave_id = ?
