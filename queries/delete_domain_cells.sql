-- The sums of a domain that no indicator has any more (? is its domain_id).
DELETE FROM cells WHERE domain_id = ?
