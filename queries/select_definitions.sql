-- The definitions kept under the key bound, if they are.
SELECT data FROM definitions WHERE key = ?
