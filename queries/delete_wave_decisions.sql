-- One wave's stored decisions (? is its survey_id), before they are
-- replaced, or because the wave left surveys.csv.
DELETE FROM decisions WHERE survey_id = ?
