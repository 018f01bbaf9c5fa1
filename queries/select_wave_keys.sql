-- The keys of one wave, in the order of its answers lists, and whether
-- each is a 複数回答 question.
SELECT key, multi FROM wave_keys WHERE wave_id = ? ORDER BY key_no
