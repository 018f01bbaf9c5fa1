-- The stored disclosure decisions of every wave (compute.StoredDecisions).
SELECT survey_id, fingerprint, data FROM decisions
