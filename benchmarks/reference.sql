-- A reference implementation of SUM001-003 and AGREE001-002 in DuckDB SQL, over a Parquet
-- archive of claims (the columns of audit/frame.py). One row per finding: rule, case, claim ids.
WITH c AS (
  SELECT "case", id, source, role, low, high, measure, unit, place, "group", period_start, period_end,
         part_of, breakdown, axis, each
  FROM read_parquet($archive)
),
parts AS (
  SELECT "case", part_of, axis,
         coalesce(min(breakdown), 'unknown') AS kind,
         CASE WHEN bool_or(low IS NULL) THEN NULL
              ELSE sum(low * CASE WHEN each THEN greatest(len(place), 1) ELSE 1 END) END AS parts_low,
         CASE WHEN bool_or(high IS NULL) THEN NULL
              ELSE sum(high * CASE WHEN each THEN greatest(len(place), 1) ELSE 1 END) END AS parts_high,
         list(id) AS part_ids
  FROM c WHERE part_of IS NOT NULL
  GROUP BY "case", part_of, axis
),
breakdowns AS (
  SELECT p.*, w.low AS whole_low, w.high AS whole_high
  FROM parts p JOIN c w ON w."case" = p."case" AND w.id = p.part_of
),
with_body AS (
  SELECT DISTINCT "case", source, measure, unit, place, "group", period_start, period_end FROM c WHERE role = 'body'
),
comparable AS (
  SELECT c.* FROM c
  WHERE c.role = 'body' OR NOT EXISTS (
    SELECT 1 FROM with_body b
    WHERE b."case" = c."case" AND b.source = c.source AND b.measure = c.measure
      AND b.unit IS NOT DISTINCT FROM c.unit AND b.place = c.place AND b."group" = c."group"
      AND b.period_start IS NOT DISTINCT FROM c.period_start AND b.period_end IS NOT DISTINCT FROM c.period_end)
),
pairs AS (
  SELECT a.id, a.source, b.id AS id_b, b.source AS source_b, a."case"
  FROM c a JOIN c b
    ON a."case" = b."case" AND a.measure = b.measure AND a.unit IS NOT DISTINCT FROM b.unit
   AND a.place = b.place AND a."group" = b."group"
   AND a.period_start IS NOT DISTINCT FROM b.period_start AND a.period_end IS NOT DISTINCT FROM b.period_end
   AND a.id < b.id
  WHERE coalesce(a.low > b.high, false) OR coalesce(b.low > a.high, false)
)
SELECT 'SUM001' AS rule, "case", part_of FROM breakdowns WHERE parts_low > whole_high
UNION ALL
SELECT 'SUM002', "case", part_of FROM breakdowns WHERE kind = 'exhaustive' AND whole_low > parts_high
UNION ALL
SELECT 'SUM003', "case", part_of FROM breakdowns
  WHERE kind = 'unknown' AND whole_low > parts_low AND NOT coalesce(parts_low > whole_high, false)
UNION ALL
SELECT 'AGREE002', "case", id FROM pairs WHERE source = source_b
UNION ALL
SELECT 'AGREE001', p."case", p.id FROM pairs p
  WHERE p.source <> p.source_b
    AND EXISTS (SELECT 1 FROM comparable x WHERE x."case" = p."case" AND x.id = p.id)
    AND EXISTS (SELECT 1 FROM comparable y WHERE y."case" = p."case" AND y.id = p.id_b)
