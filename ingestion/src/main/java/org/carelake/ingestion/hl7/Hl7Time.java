package org.carelake.ingestion.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * HL7 v2 date/time values ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}, the DTM/TS type) as instants
 * and as FHIR date/dateTime strings that keep the precision that was sent.
 */
public final class Hl7Time {
  private Hl7Time() {}

  /** The instant, or null when the text is not a date/time; a value without offset is read in {@code zone}. */
  public static Instant instant(String text, ZoneId zone) {
    Parsed p = parse(text);
    if (p == null) {
      return null;
    }
    LocalDateTime t = LocalDateTime.of(p.year, Math.max(1, p.month), Math.max(1, p.day), p.hour, p.minute, p.second,
        p.nanos);
    return p.offset != null ? t.toInstant(p.offset) : t.atZone(zone).toInstant();
  }

  /** FHIR {@code date}: YYYY, YYYY-MM or YYYY-MM-DD as precise as sent; null when invalid. */
  public static String fhirDate(String text) {
    Parsed p = parse(text);
    if (p == null) {
      return null;
    }
    if (p.digits <= 4) {
      return String.format("%04d", p.year);
    }
    if (p.digits <= 6) {
      return String.format("%04d-%02d", p.year, p.month);
    }
    return String.format("%04d-%02d-%02d", p.year, p.month, p.day);
  }

  /**
   * FHIR {@code dateTime}: a date when only a date was sent, else a time with seconds and an offset (the sent one, or
   * {@code zone}'s).
   */
  public static String fhirDateTime(String text, ZoneId zone) {
    Parsed p = parse(text);
    if (p == null) {
      return null;
    }
    if (p.digits <= 8) {
      return fhirDate(text);
    }
    Instant i = instant(text, zone);
    ZoneOffset off = p.offset != null ? p.offset : zone.getRules().getOffset(i);
    String base = i.atOffset(off).toLocalDateTime().toString();
    if (base.length() == 16) {
      base += ":00";
    }
    String o = off.getId().equals("Z") ? "Z" : off.getId();
    return base + o;
  }

  private record Parsed(int year, int month, int day, int hour, int minute, int second, int nanos, ZoneOffset offset,
      int digits) {}

  private static Parsed parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    ZoneOffset offset = null;
    int sign = Math.max(s.indexOf('+'), s.indexOf('-'));
    if (sign > 0) {
      String z = s.substring(sign);
      s = s.substring(0, sign);
      if (z.length() != 5 || !digits(z, 1, 5)) {
        return null;
      }
      int h = Integer.parseInt(z.substring(1, 3));
      int m = Integer.parseInt(z.substring(3, 5));
      if (h > 14 || m > 59) {
        return null;
      }
      offset = ZoneOffset.ofHoursMinutes(z.charAt(0) == '-' ? -h : h, z.charAt(0) == '-' ? -m : m);
    }
    String frac = "";
    int dot = s.indexOf('.');
    if (dot >= 0) {
      frac = s.substring(dot + 1);
      s = s.substring(0, dot);
      if (s.length() != 14 || frac.isEmpty() || frac.length() > 9 || !digits(frac, 0, frac.length())) {
        return null;
      }
    }
    if (s.length() < 4 || s.length() > 14 || s.length() % 2 != 0 || !digits(s, 0, s.length())) {
      return null;
    }
    int year = Integer.parseInt(s.substring(0, 4));
    int month = s.length() >= 6 ? Integer.parseInt(s.substring(4, 6)) : 0;
    int day = s.length() >= 8 ? Integer.parseInt(s.substring(6, 8)) : 0;
    int hour = s.length() >= 10 ? Integer.parseInt(s.substring(8, 10)) : 0;
    int minute = s.length() >= 12 ? Integer.parseInt(s.substring(10, 12)) : 0;
    int second = s.length() >= 14 ? Integer.parseInt(s.substring(12, 14)) : 0;
    int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
    if ((s.length() >= 6 && (month < 1 || month > 12)) || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    if (s.length() >= 8) {
      try {
        java.time.LocalDate.of(year, month, day);
      } catch (java.time.DateTimeException e) {
        return null;
      }
    }
    return new Parsed(year, month, day, hour, minute, second, nanos, offset, s.length());
  }

  /** ASCII digits only (the date/time patterns are checked by hand: this runs once per ingested message). */
  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
