-- The keys of one wave, in the order of its answers lists.
SELECT key FROM wave_keys WHERE wave_id = ? ORDER BY key_no
