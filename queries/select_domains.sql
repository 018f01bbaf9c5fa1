-- The domains whose sums are stored, with their ids.
SELECT domain_id, spec FROM domains
