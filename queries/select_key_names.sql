-- The keys of every wave by their numbers, which cells refer to
-- (load.ReadCells).
SELECT wave_id, key_no, key FROM wave_keys
