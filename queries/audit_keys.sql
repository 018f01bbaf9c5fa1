-- The attributes, weights and 複数回答 questions of each wave, for the
-- auditor's model of the published tables (shihyo audit).
SELECT DISTINCT survey_id, key, role
FROM questions
WHERE role IN ('attribute', 'weight', 'multi')
ORDER BY survey_id, key
