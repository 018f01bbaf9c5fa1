-- The wards of the site the database published (those of its indicators
-- and plans), for the menu of a status.html written over that site.
SELECT ward FROM indicators
UNION
SELECT ward FROM plans
