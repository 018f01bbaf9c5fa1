-- The breakdowns of the waves a refresh loaded again, before they are
-- merged into breakdowns (store.Store: update_, delete_ and
-- insert_wave_breakdowns), and which stored cell each of them is again:
-- the same indicator, wave, attribute and code, and the same texts (which
-- follow from the definitions, unchanged when a refresh merges: the
-- caller's word, but compared all the same). Both are temporary, gone with
-- the connection if not dropped.
CREATE OR REPLACE TEMP TABLE new_breakdowns AS SELECT * FROM breakdowns LIMIT 0;
CREATE OR REPLACE TEMP VIEW breakdown_matches AS
SELECT b.rowid AS stored, n.rowid AS new
FROM breakdowns AS b
JOIN new_breakdowns AS n
  ON b.indicator_id = n.indicator_id AND b.survey_id = n.survey_id
 AND b.attribute_key = n.attribute_key AND b.code IS NOT DISTINCT FROM n.code
 AND b.ward = n.ward AND b.plan_year = n.plan_year AND b.issue_no = n.issue_no
 AND b.indicator_no = n.indicator_no AND b.title = n.title AND b.fiscal_year = n.fiscal_year
 AND b.weighted = n.weighted AND b.attribute_text = n.attribute_text AND b.label = n.label;
