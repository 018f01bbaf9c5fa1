-- Every stored flow, for the publication (load.ReadCells reads it through
-- Arrow and orders the codes of each step itself).
SELECT wave_id, domain_id, step, code, n
FROM flows
