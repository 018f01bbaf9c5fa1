-- The sums of one domain in one wave that no longer measures it.
DELETE FROM cells WHERE wave_id = ? AND domain_id = ?
