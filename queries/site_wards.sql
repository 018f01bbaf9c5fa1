-- The wards of the site the database published, for the menu of a
-- status.html written over that site: every ward the definitions name,
-- with the slug staff gave it ('' when none; one per ward, as validated)
-- and whether the menu lists it (those of its indicators and plans).
SELECT ward, max(slug) AS slug, bool_or(menu) AS menu
FROM (
    SELECT ward, slug, false AS menu FROM surveys
    UNION ALL SELECT ward, slug, true FROM plans
    UNION ALL SELECT ward, '', true FROM indicators
    UNION ALL SELECT ward, '', false FROM plan_issues
)
GROUP BY ward
ORDER BY ward
