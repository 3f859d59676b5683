package org.carelake.synth;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** FHIR date and dateTime values read as times, and written as HL7 v2 DTM / DT values. */
final class ClinicalTime {
  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("uuuuMMddHHmmssxx", Locale.ROOT);

  private ClinicalTime() {}

  /**
   * The time a FHIR date or dateTime names, null when absent or unreadable. A date without a time is its midnight in
   * UTC (Synthea writes UTC times); a partial date (YYYY, YYYY-MM) its first day.
   */
  static OffsetDateTime parse(String fhir) {
    if (fhir == null || fhir.isBlank()) {
      return null;
    }
    try {
      if (fhir.length() > 10) {
        return OffsetDateTime.parse(fhir);
      }
      String date = switch (fhir.length()) {
        case 4 -> fhir + "-01-01";
        case 7 -> fhir + "-01";
        default -> fhir;
      };
      return LocalDate.parse(date).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** HL7 v2 DTM to the second with the offset it was taken in, e.g. {@code 20180221111234+0000}. */
  static String dtm(OffsetDateTime t) {
    return t == null ? "" : DTM.format(t);
  }

  /** A FHIR dateTime as DTM; a FHIR date keeps its precision ({@code 20120307}). */
  static String dtm(String fhir) {
    if (fhir == null || fhir.isBlank()) {
      return "";
    }
    if (fhir.length() <= 10) {
      return date(fhir);
    }
    return dtm(parse(fhir));
  }

  /** A FHIR date (or the date part of a dateTime) as HL7 v2 DT, e.g. {@code 2012-03-07} as {@code 20120307}. */
  static String date(String fhir) {
    if (fhir == null || fhir.isBlank()) {
      return "";
    }
    String d = fhir.length() > 10 ? fhir.substring(0, 10) : fhir;
    return d.replace("-", "");
  }
}
