-- The stored breakdown cells of one wave (? is its survey_id) loaded again
-- that new_breakdowns does not hold again (the match of
-- update_wave_breakdowns.sql): a cell gone, or one whose texts changed.
DELETE FROM breakdowns AS b
WHERE b.survey_id = ? AND NOT EXISTS (
    SELECT 1 FROM new_breakdowns AS n
    WHERE b.indicator_id = n.indicator_id AND b.survey_id = n.survey_id
      AND b.attribute_key = n.attribute_key AND b.code IS NOT DISTINCT FROM n.code
      AND b.ward = n.ward AND b.plan_year = n.plan_year AND b.issue_no = n.issue_no
      AND b.indicator_no = n.indicator_no AND b.title = n.title AND b.fiscal_year = n.fiscal_year
      AND b.weighted = n.weighted AND b.attribute_text = n.attribute_text AND b.label = n.label)
