-- The rows of one wave (? is its wave_id), from the temporary view of its
-- Arrow record batch (package load, waveRecord), in the column order of
-- respondents. The exact weights arrive as DECIMAL(38,0).
INSERT INTO respondents
SELECT CAST(? AS INTEGER), respondent_no, weight, CAST(weight_units AS HUGEINT), answers
FROM wave_rows
