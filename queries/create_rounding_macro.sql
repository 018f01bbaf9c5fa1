-- published_tenths(swy, sw): the published percentage in tenths of a point,
-- 1000·swy/sw rounded half up, where swy = Σw·y and sw = Σw are the weights
-- to 6 decimals as exact scaled integers (HUGEINT). floor((2000·swy + sw) /
-- (2·sw)) is exact integer arithmetic: 59.95 is never 59.9499…, and 6.25
-- publishes as 6.3, not to even. estimates.sql and breakdowns.sql use it.
CREATE OR REPLACE TEMP MACRO published_tenths(swy, sw) AS
    CAST((2000 * swy + sw) // (2 * sw) AS INTEGER)
