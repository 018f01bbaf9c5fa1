-- The attributes and weights of each wave, for the auditor's model of the
-- published tables (shihyo audit).
SELECT DISTINCT survey_id, key, role
FROM questions
WHERE role IN ('attribute', 'weight')
ORDER BY survey_id, key
