-- The ward × fiscal year partitions of the Parquet export.
-- ? is a fiscal year, or NULL for all of them.
SELECT DISTINCT ward, fiscal_year
FROM actuals
WHERE fiscal_year = coalesce(?, fiscal_year)
ORDER BY ward, fiscal_year
