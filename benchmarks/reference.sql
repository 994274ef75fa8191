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
sliced AS (  -- parts with exactly their whole's key, and every part below them: not comparable
  WITH RECURSIVE s("case", id) AS (
    SELECT p."case", p.id FROM c p JOIN c w ON w."case" = p."case" AND w.id = p.part_of
    WHERE p.measure = w.measure AND p.unit IS NOT DISTINCT FROM w.unit AND p.place = w.place AND p."group" = w."group"
      AND p.period_start IS NOT DISTINCT FROM w.period_start AND p.period_end IS NOT DISTINCT FROM w.period_end
    UNION
    SELECT p."case", p.id FROM c p JOIN s ON s."case" = p."case" AND s.id = p.part_of
  )
  SELECT DISTINCT * FROM s
),
comparable AS (
  SELECT c.* FROM c
  WHERE c.measure NOT IN ('other', 'money', 'ratio')
    AND NOT EXISTS (SELECT 1 FROM sliced s WHERE s."case" = c."case" AND s.id = c.id)
),
with_body AS (
  SELECT DISTINCT "case", source, measure, unit, place, "group", period_start, period_end FROM c WHERE role = 'body'
),
across AS (  -- AGREE001 compares a headline with other outlets only when its outlet gives no body figure
  SELECT k.* FROM comparable k
  WHERE k.role = 'body' OR NOT EXISTS (
    SELECT 1 FROM with_body b
    WHERE b."case" = k."case" AND b.source = k.source AND b.measure = k.measure
      AND b.unit IS NOT DISTINCT FROM k.unit AND b.place = k.place AND b."group" = k."group"
      AND b.period_start IS NOT DISTINCT FROM k.period_start AND b.period_end IS NOT DISTINCT FROM k.period_end)
),
pairs AS (  -- ordered pairs of claims for one figure whose intervals do not overlap
  SELECT 'AGREE001' AS rule, a."case", a.id, a.role, b.id AS id_b, b.role AS role_b
  FROM across a JOIN across b
    ON a."case" = b."case" AND a.measure = b.measure AND a.unit IS NOT DISTINCT FROM b.unit
   AND a.place = b.place AND a."group" = b."group"
   AND a.period_start IS NOT DISTINCT FROM b.period_start AND a.period_end IS NOT DISTINCT FROM b.period_end
   AND a.id <> b.id AND a.source <> b.source
  WHERE coalesce(a.low > b.high, false) OR coalesce(b.low > a.high, false)
  UNION ALL
  SELECT 'AGREE002', a."case", a.id, a.role, b.id, b.role
  FROM comparable a JOIN comparable b
    ON a."case" = b."case" AND a.measure = b.measure AND a.unit IS NOT DISTINCT FROM b.unit
   AND a.place = b.place AND a."group" = b."group"
   AND a.period_start IS NOT DISTINCT FROM b.period_start AND a.period_end IS NOT DISTINCT FROM b.period_end
   AND a.id <> b.id AND a.source = b.source
  WHERE coalesce(a.low > b.high, false) OR coalesce(b.low > a.high, false)
),
degree AS (SELECT rule, "case", id, count(*) AS n FROM pairs GROUP BY ALL),
outliers AS (  -- one finding per claim that disagrees most (ties: a headline, then the smaller id)
  SELECT DISTINCT p.rule, p."case", p.id
  FROM pairs p
  JOIN degree d ON d.rule = p.rule AND d."case" = p."case" AND d.id = p.id
  JOIN degree e ON e.rule = p.rule AND e."case" = p."case" AND e.id = p.id_b
  WHERE d.n > e.n OR (d.n = e.n AND ((p.role = 'headline' AND p.role_b <> 'headline') OR (p.role = p.role_b AND p.id < p.id_b)))
)
SELECT 'SUM001' AS rule, "case", part_of FROM breakdowns WHERE parts_low > whole_high
UNION ALL
SELECT 'SUM002', "case", part_of FROM breakdowns WHERE kind = 'exhaustive' AND whole_low > parts_high
UNION ALL
SELECT 'SUM003', "case", part_of FROM breakdowns
  WHERE kind = 'unknown' AND whole_low > parts_low AND NOT coalesce(parts_low > whole_high, false)
UNION ALL
SELECT rule, "case", id FROM outliers
