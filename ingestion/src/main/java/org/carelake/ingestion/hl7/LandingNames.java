package org.carelake.ingestion.hl7;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * MLLP landing files are named for the time they were opened ({@code 20261126T230501123Z-...mllp}): that is the
 * receive time bronze records for their messages. Other files count as received when last modified.
 */
final class LandingNames {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");

  private LandingNames() {}

  static long receivedAt(String name, long modifiedMillis) {
    if (name.length() > 19 && name.charAt(8) == 'T' && name.charAt(18) == 'Z') {
      try {
        return LocalDateTime.parse(name.substring(0, 19), STAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        return modifiedMillis;
      }
    }
    return modifiedMillis;
  }
}
