-- Every stored sum, for the publication (load.ReadCells reads it through
-- Arrow): per wave and domain the total (key NULL) first, then each
-- attribute in its wave's key order, codes ascending, 無回答 (NULL) last.
SELECT c.wave_id, c.domain_id, k.key, c.code, c.n, c.n_positive, c.sw, c.swy, c.sw2, c.sw2y, c.swu_hi, c.swu_lo, c.swyu_hi, c.swyu_lo
FROM cells c
LEFT JOIN wave_keys k ON k.wave_id = c.wave_id AND k.key_no = c.key_no
ORDER BY c.wave_id, c.domain_id, c.key_no, c.code NULLS LAST
