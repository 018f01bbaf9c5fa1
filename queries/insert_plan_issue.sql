INSERT INTO plan_issues VALUES (?, ?, ?, ?)
