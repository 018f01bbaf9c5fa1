-- The wave × domain pairs whose sums are stored: each has its total row.
SELECT wave_id, domain_id FROM cells WHERE key_no = 0
