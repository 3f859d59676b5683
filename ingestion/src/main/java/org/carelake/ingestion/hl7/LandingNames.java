package org.carelake.ingestion.hl7;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The names of the landing contract between the MLLP listener and the batch ingest, kept in one place: landing files
 * live in {@code <lakehouse>/landing/hl7/<source>/}, are named for the UTC time they were opened
 * ({@code 20261126T230501123Z-...}), end in {@code .mllp.open} while written and {@code .mllp} once sealed.
 */
public final class LandingNames {
  /** The landing root below the lakehouse root. */
  public static final String FOLDER = "landing/hl7";
  /** Suffix of a complete, immutable landing file: the only files the batch ingest reads. */
  public static final String SEALED = ".mllp";
  /** Suffix of the file a listener is appending to. */
  public static final String OPEN = ".mllp.open";
  /** The time prefix of a landing file name. */
  public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private LandingNames() {}

  /**
   * When the messages of a file were received: for a landing file the time it was opened (its name), for any other
   * file its modification time.
   */
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
