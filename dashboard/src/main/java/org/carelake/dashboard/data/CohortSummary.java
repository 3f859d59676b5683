package org.carelake.dashboard.data;

import java.util.SortedMap;

/** A cohort with its current member count and its members at each month's end ("yyyy-MM" -> count), oldest first. */
public record CohortSummary(String cohortId, String title, String description, long members,
    SortedMap<String, Long> trend) {}
