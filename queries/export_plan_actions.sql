-- The budget lines with an amount, for the 経営課題's budget line of the
-- XLSX 様式 (plan_actions.csv; the table is absent from a database made
-- before it was added).
SELECT ward, plan_year, issue_no, strategy_no, action_no, title, budget_thousand_yen, budget_kind, fiscal_year
FROM plan_actions
WHERE budget_kind <> ''
ORDER BY ward, plan_year, issue_no, fiscal_year, budget_kind, strategy_no, action_no
