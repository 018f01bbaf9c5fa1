-- The labels of the answer codes (choices.csv as loaded), for the words of
-- the 自己評価 (案): which answers were counted as positive or excluded.
SELECT survey_id, key, code, label
FROM choices
ORDER BY survey_id, key, code
