package org.carelake.transforms.terminology.units;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A row of {@code loinc-canonical-units.csv}. {@code molarMass} (g/mol, null when not listed) is that of whatever the
 * substance-unit form counts in moles: the analyte for concentrations, creatinine for mg/g vs mg/mmol ratios.
 */
record LoincUnit(String loinc, String unit, BigDecimal molarMass, String name) implements Serializable {}
