package org.carelake.dashboard.data;

import java.util.List;
import java.util.Map;

/**
 * One person's Patient 360: the golden record, timeline events (newest first), care gaps of every period, the
 * evidence of each measure population keyed {@code measure|group|period_end}, risk scores, cohort stays and the
 * source records and identity links behind the person.
 */
public record PatientRecord(Map<String, Object> person, List<Map<String, Object>> events,
    List<Map<String, Object>> gaps, Map<String, List<Map<String, Object>>> evidence,
    List<Map<String, Object>> risk, List<Map<String, Object>> cohorts, PatientIdentity identity) {}
