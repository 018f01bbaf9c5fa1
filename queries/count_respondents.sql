-- Respondents per wave, for the surveys table: kept waves are not re-read.
SELECT survey_id, count(*) FROM respondents GROUP BY survey_id
