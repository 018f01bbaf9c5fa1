-- A domain that no indicator has any more (? is its domain_id).
DELETE FROM domains WHERE domain_id = ?
