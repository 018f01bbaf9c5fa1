-- The flow of one domain in one wave that no longer measures it.
DELETE FROM flows WHERE wave_id = ? AND domain_id = ?
