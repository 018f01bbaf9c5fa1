-- published_tenths(swy, sw): the published percentage in tenths of a point,
-- 1000·swy/sw rounded half up, where swy = Σw·y and sw = Σw are sums of the
-- exact weights of one wave in that wave's units (respondents.weight_units,
-- HUGEINT). floor((2000·swy + sw) / (2·sw)) is exact integer arithmetic:
-- 59.95 is never 59.9499…, and 6.25 publishes as 6.3, not to even; the
-- bounds of cell.ParseWeight keep 2000·swy + sw below 4.3·10^37, inside
-- HUGEINT. estimates.sql and breakdowns.sql use it.
CREATE OR REPLACE TEMP MACRO published_tenths(swy, sw) AS
    CAST((2000 * swy + sw) // (2 * sw) AS INTEGER)
