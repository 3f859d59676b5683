-- gold.patient_month: one row per person and calendar month that has coverage or a visit. member_month: covered on
-- any day of the month (an open coverage period runs to the latest encounter in the lakehouse, not to today, so a
-- historical export does not grow member months). Visits count finished (or status-less) encounters by class:
-- emergency (EMER), inpatient admissions (IMP, ACUTE, NONAC; by admission month), 30-day all-cause readmissions (an
-- admission starting within 30 days after the person's previous inpatient discharge), outpatient (AMB, VR, HH).
WITH enc AS (
  SELECT person_id, source_id, class_code, period_start, period_end,
    CAST(date_trunc('MONTH', period_start) AS DATE) AS month
  FROM silver.encounter
  WHERE period_start IS NOT NULL AND coalesce(status, 'finished') NOT IN ('cancelled', 'entered-in-error', 'planned')
), horizon AS (
  SELECT CAST(date_trunc('MONTH', max(period_start)) AS DATE) AS last_month FROM enc
), covered AS (
  SELECT DISTINCT c.person_id, m AS month
  FROM silver.coverage c CROSS JOIN horizon h
  LATERAL VIEW explode(sequence(CAST(date_trunc('MONTH', c.period_start) AS DATE),
    least(CAST(date_trunc('MONTH', coalesce(c.period_end, TIMESTAMP'9999-12-01')) AS DATE),
          coalesce(h.last_month, CAST(date_trunc('MONTH', c.period_start) AS DATE))),
    INTERVAL 1 MONTH)) x AS m
  WHERE c.period_start IS NOT NULL AND coalesce(c.status, 'active') <> 'entered-in-error'
    AND c.period_start <= coalesce(c.period_end, c.period_start + INTERVAL 100 YEARS)
), inpatient AS (
  SELECT *, lag(period_end) OVER (PARTITION BY person_id ORDER BY period_start, source_id) AS previous_discharge
  FROM enc WHERE class_code IN ('IMP', 'ACUTE', 'NONAC')
), visits AS (
  SELECT person_id, month,
    count_if(class_code = 'EMER') AS ed_visits,
    count_if(class_code IN ('AMB', 'VR', 'HH')) AS outpatient_visits
  FROM enc GROUP BY person_id, month
), admissions AS (
  SELECT person_id, month, count(*) AS inpatient_admissions,
    count_if(previous_discharge IS NOT NULL AND period_start >= previous_discharge
             AND period_start <= previous_discharge + INTERVAL 30 DAYS) AS readmissions_30d
  FROM inpatient GROUP BY person_id, month
), keys AS (
  SELECT person_id, month FROM covered UNION SELECT person_id, month FROM visits
)
SELECT k.person_id, k.month,
  c.person_id IS NOT NULL AS member_month,
  coalesce(v.ed_visits, 0) AS ed_visits,
  coalesce(a.inpatient_admissions, 0) AS inpatient_admissions,
  coalesce(a.readmissions_30d, 0) AS readmissions_30d,
  coalesce(v.outpatient_visits, 0) AS outpatient_visits
FROM keys k
LEFT JOIN covered c ON c.person_id = k.person_id AND c.month = k.month
LEFT JOIN visits v ON v.person_id = k.person_id AND v.month = k.month
LEFT JOIN admissions a ON a.person_id = k.person_id AND a.month = k.month
