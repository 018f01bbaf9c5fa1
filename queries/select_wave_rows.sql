-- The rows of one wave in file order, for the pass (load.ReadWave reads
-- them through Arrow: HUGEINT arrives as DECIMAL(38,0)).
SELECT respondent_no, weight, weight_units, answers
FROM respondents
WHERE wave_id = ?
ORDER BY respondent_no
