-- Every stored sum, for the publication (load.ReadCells reads it through
-- Arrow and orders each domain's cells itself): the total of a wave and
-- domain has key_no 0, which no key of wave_keys has.
SELECT wave_id, domain_id, key_no, code, n, n_positive, sw, swy, sw2, sw2y, swu_hi, swu_lo, swyu_hi, swyu_lo
FROM cells
