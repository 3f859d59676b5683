package org.carelake.dashboard.data;

import java.time.LocalDate;

/** A current member of a cohort, as the drill-down lists them. */
public record CohortMember(String personId, String name, String birthDate, LocalDate enteredOn, String reason) {}
