-- The titles of the 経営課題, for the headings of the exported plan table.
SELECT ward, plan_year, issue_no, title
FROM plan_issues
ORDER BY ward, plan_year, issue_no
