package org.carelake.dashboard.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The population overview: rates of the period by unit, measure metadata and monthly progress per measure group. */
public record Overview(LocalDate periodEnd, List<Map<String, Object>> rates,
    Map<String, Map<String, Object>> measures, Map<String, GoldReader.MonthlyProgress> monthly) {}
