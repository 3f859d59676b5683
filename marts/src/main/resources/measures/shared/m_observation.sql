-- Observations (CQL [Observation: ...]) with effective.toInterval() as (lo, hi), QICoreCommon latest() and
-- earliest() (the end when the interval has a real end, else the start; and the reverse), the category codes, and
-- Status.cql's filters as booleans: isAssessmentPerformed (final/amended/corrected, category survey),
-- isLaboratoryTestPerformed (category laboratory), isPhysicalExamPerformed (category exam), isDiagnosticStudy-
-- Performed and the vital-sign profiles (final/amended/corrected), isSymptom (also preliminary).
-- Only observations a measure can select are kept (m_selectable_observation): every measure retrieves observations
-- by a value set or by a direct-reference code, and most observations are in none, so leaving them out early saves
-- most of the work.
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'code|')), x -> substr(x, 6)) AS code_vs,
    transform(filter(element_vs, x -> startswith(x, 'value|')), x -> substr(x, 7)) AS value_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'Observation'
), categories AS (
  SELECT source_system, source_id, collect_set(code) AS categories
  FROM silver.coding c
  LEFT SEMI JOIN m_selectable_observation r ON r.source_system = c.source_system AND r.source_id = c.source_id
  WHERE c.resource_type = 'Observation' AND c.element = 'category'
    AND c.system = 'http://terminology.hl7.org/CodeSystem/observation-category'
  GROUP BY source_system, source_id
), timed AS (
  SELECT o.*,
    CASE
      WHEN o.effective_datetime IS NOT NULL THEN o.effective_datetime
      WHEN o.effective_instant IS NOT NULL THEN o.effective_instant
      ELSE o.effective_period_start
    END AS lo,
    CASE
      WHEN o.effective_datetime IS NOT NULL THEN o.effective_datetime
      WHEN o.effective_instant IS NOT NULL THEN o.effective_instant
      WHEN o.effective_period_start IS NOT NULL OR o.effective_period_end IS NOT NULL
        THEN coalesce(o.effective_period_end, TIMESTAMP'9999-12-31 23:59:59.999')
    END AS hi
  FROM silver.observation o
  LEFT SEMI JOIN m_selectable_observation r ON r.source_system = o.source_system AND r.source_id = o.source_id
)
SELECT t.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.value_vs, array()) AS value_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(d.codings, array()) AS codings,
  coalesce(k.categories, array()) AS categories,
  IF(t.hi IS NOT NULL AND t.hi <> TIMESTAMP'9999-12-31 23:59:59.999', t.hi, t.lo) AS latest,
  IF(t.lo IS NOT NULL, t.lo, t.hi) AS earliest,
  t.status IN ('final', 'amended', 'corrected') AS is_final,
  t.status IN ('final', 'amended', 'corrected') AND array_contains(k.categories, 'survey')
    AS is_assessment_performed,
  t.status IN ('final', 'amended', 'corrected') AND array_contains(k.categories, 'laboratory')
    AS is_laboratory_test_performed,
  t.status IN ('final', 'amended', 'corrected') AND array_contains(k.categories, 'exam')
    AS is_physical_exam_performed,
  t.status IN ('preliminary', 'final', 'amended', 'corrected') AS is_symptom
FROM timed t
LEFT JOIN vs ON vs.source_system = t.source_system AND vs.source_id = t.source_id
LEFT JOIN m_direct_coded d
  ON d.resource_type = 'Observation' AND d.source_system = t.source_system AND d.source_id = t.source_id
LEFT JOIN categories k ON k.source_system = t.source_system AND k.source_id = t.source_id
