package org.carelake.dashboard.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The population overview: rates of the period by unit, measure metadata, monthly progress per measure group and the
 * organizations behind each practitioner (what scopes the practitioner rows of a care manager).
 */
public record Overview(LocalDate periodEnd, List<Map<String, Object>> rates,
    Map<String, Map<String, Object>> measures, Map<String, GoldReader.MonthlyProgress> monthly,
    Map<String, Set<String>> practitionerOrganizations) {}
