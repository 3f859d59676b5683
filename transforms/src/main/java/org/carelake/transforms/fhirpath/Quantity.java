package org.carelake.transforms.fhirpath;

import java.math.BigDecimal;

/** A FHIRPath quantity literal or a FHIR Quantity's value and unit. */
public record Quantity(BigDecimal value, String unit) { }
