-- Every stored flow, for the publication (load.ReadCells): per wave and
-- domain, its steps, codes ascending.
SELECT wave_id, domain_id, step, code, n
FROM flows
ORDER BY wave_id, domain_id, step, code NULLS FIRST
