-- Indicator × wave pairs that measure the question but have no valid answer
-- in the indicator's domain: nothing can be published for them.
SELECT i.ward, i.issue_no, i.indicator_no, i.title, s.survey_id
FROM indicators i
JOIN surveys s ON s.ward = i.ward AND s.population = i.population
JOIN questions q ON q.survey_id = s.survey_id AND q.key = i.question_key AND q.role = 'question'
WHERE NOT EXISTS (SELECT 1 FROM actuals a WHERE a.indicator_id = i.indicator_id AND a.survey_id = s.survey_id)
ORDER BY i.ward, i.issue_no, i.indicator_no, s.survey_id
