-- The columns of table ? in their order, as its CREATE made them: what
-- the tests compare with the db tags of the Go struct of its rows.
SELECT column_name
FROM information_schema.columns
WHERE table_schema = 'main' AND table_name = ?
ORDER BY ordinal_position
