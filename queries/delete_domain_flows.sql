-- The flows of a domain that no indicator has any more (? is its domain_id).
DELETE FROM flows WHERE domain_id = ?
