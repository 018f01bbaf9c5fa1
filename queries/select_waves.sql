-- The waves whose rows are in the database.
SELECT wave_id, survey_id, respondents, weight_scale FROM waves ORDER BY wave_id
