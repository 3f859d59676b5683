package org.carelake.transforms.fhirpath;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A FHIR/FHIRPath date, dateTime or time of any precision ("1970", "1970-06", "2010-10-10T10:00:00.123+02:00",
 * "12:34"). Keeps the precision, because FHIRPath comparison and boundaries depend on it.
 */
public final class Temporal {

  public enum Kind { DATE, DATETIME, TIME }

  /** Precision, coarsest first. */
  public enum Precision { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, MILLIS }

  private final Kind kind;
  private final Precision precision;
  private final int year;
  private final int month;
  private final int day;
  private final int hour;
  private final int minute;
  private final int second;
  private final int millis;
  private final Integer offsetMinutes;

  private Temporal(Kind kind, Precision precision, int year, int month, int day, int hour, int minute, int second,
           int millis, Integer offsetMinutes) {
    this.kind = kind;
    this.precision = precision;
    this.year = year;
    this.month = month;
    this.day = day;
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.millis = millis;
    this.offsetMinutes = offsetMinutes;
  }

  public Kind kind() {
    return kind;
  }

  public Precision precision() {
    return precision;
  }

  public boolean hasOffset() {
    return offsetMinutes != null;
  }

  /** Parses FHIR text; a date-time with only a date part (FHIR allows "2010-10-10") keeps date precision. */
  public static Temporal parse(String text, Kind kind) {
    try {
      return kind == Kind.TIME ? parseTime(text) : parseDateTime(text, kind);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid " + kind.name().toLowerCase());
    }
  }

  private static Temporal parseDateTime(String s, Kind kind) {
    int year = Integer.parseInt(s.substring(0, 4));
    if (s.length() == 4 || s.length() > 4 && s.charAt(4) != '-') {
      check(s.length() == 4, s);
      return new Temporal(kind, Precision.YEAR, year, 1, 1, 0, 0, 0, 0, null);
    }
    int month = Integer.parseInt(s.substring(5, 7));
    check(month >= 1 && month <= 12, s);
    if (s.length() == 7) {
      return new Temporal(kind, Precision.MONTH, year, month, 1, 0, 0, 0, 0, null);
    }
    check(s.charAt(7) == '-', s);
    int day = Integer.parseInt(s.substring(8, 10));
    check(day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth(), s);
    if (s.length() == 10) {
      return new Temporal(kind, Precision.DAY, year, month, day, 0, 0, 0, 0, null);
    }
    check(kind == Kind.DATETIME && s.charAt(10) == 'T', s);
    Temporal time = parseTimeWithOffset(s.substring(11));
    return new Temporal(Kind.DATETIME, time.precision, year, month, day, time.hour, time.minute, time.second,
        time.millis, time.offsetMinutes);
  }

  private static Temporal parseTime(String s) {
    Temporal t = parseTimeWithOffset(s);
    check(t.offsetMinutes == null, s);
    return t;
  }

  private static Temporal parseTimeWithOffset(String s) {
    Integer offset = null;
    String body = s;
    if (s.endsWith("Z")) {
      offset = 0;
      body = s.substring(0, s.length() - 1);
    } else {
      int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
      if (sign > 0) {
        String tz = s.substring(sign + 1);
        check(tz.length() == 5 && tz.charAt(2) == ':', s);
        int minutes = Integer.parseInt(tz.substring(0, 2)) * 60 + Integer.parseInt(tz.substring(3));
        offset = s.charAt(sign) == '-' ? -minutes : minutes;
        body = s.substring(0, sign);
      }
    }
    int hour = Integer.parseInt(body.substring(0, 2));
    check(hour < 24, s);
    if (body.length() == 2) {
      return new Temporal(Kind.TIME, Precision.HOUR, 0, 1, 1, hour, 0, 0, 0, offset);
    }
    check(body.charAt(2) == ':', s);
    int minute = Integer.parseInt(body.substring(3, 5));
    check(minute < 60, s);
    if (body.length() == 5) {
      return new Temporal(Kind.TIME, Precision.MINUTE, 0, 1, 1, hour, minute, 0, 0, offset);
    }
    check(body.charAt(5) == ':', s);
    int second = Integer.parseInt(body.substring(6, 8));
    check(second < 60, s);
    if (body.length() == 8) {
      return new Temporal(Kind.TIME, Precision.SECOND, 0, 1, 1, hour, minute, second, 0, offset);
    }
    check(body.charAt(8) == '.' && body.length() > 9, s);
    String fraction = (body.substring(9) + "00").substring(0, 3);
    return new Temporal(Kind.TIME, Precision.MILLIS, 0, 1, 1, hour, minute, second, Integer.parseInt(fraction),
        offset);
  }

  private static void check(boolean ok, String s) {
    if (!ok) {
      throw new IllegalArgumentException(s);
    }
  }

  /**
   * Compares with FHIRPath semantics: null when the answer depends on precision the values do not have
   * (e.g. 2010 vs 2010-06); otherwise -1, 0, 1. Values with offsets compare as instants.
   */
  public Integer compareTo(Temporal other) {
    if ((kind == Kind.TIME) != (other.kind == Kind.TIME)) {
      return null;
    }
    if (kind != Kind.TIME && precision.compareTo(Precision.HOUR) >= 0
        && other.precision.compareTo(Precision.HOUR) >= 0 && (hasOffset() || other.hasOffset())) {
      return compareInstants(other);
    }
    Precision common = precision.compareTo(other.precision) <= 0 ? precision : other.precision;
    Precision first = kind == Kind.TIME ? Precision.HOUR : Precision.YEAR;
    for (Precision p : Precision.values()) {
      if (p.compareTo(first) < 0) {
        continue;
      }
      if (p.compareTo(common) > 0) {
        break;
      }
      int c = Integer.compare(field(p), other.field(p));
      if (c != 0) {
        return c;
      }
    }
    // Seconds and milliseconds are one precision in FHIRPath comparisons.
    boolean sameish = precision == other.precision
        || precision.compareTo(Precision.SECOND) >= 0 && other.precision.compareTo(Precision.SECOND) >= 0;
    if (!sameish) {
      return null;
    }
    return Integer.compare(field(Precision.MILLIS), other.field(Precision.MILLIS));
  }

  private Integer compareInstants(Temporal other) {
    if (precision != other.precision && !(precision.compareTo(Precision.SECOND) >= 0
        && other.precision.compareTo(Precision.SECOND) >= 0)) {
      return null;
    }
    return Long.compare(epochMillis(), other.epochMillis());
  }

  private int field(Precision p) {
    return switch (p) {
      case YEAR -> year;
      case MONTH -> month;
      case DAY -> day;
      case HOUR -> hour;
      case MINUTE -> minute;
      case SECOND -> second;
      case MILLIS -> millis;
    };
  }

  /** Milliseconds since the epoch; a value without offset is read as UTC. */
  public long epochMillis() {
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
    return local.toInstant(ZoneOffset.ofTotalSeconds((offsetMinutes == null ? 0 : offsetMinutes) * 60))
        .toEpochMilli();
  }

  public Instant toInstant() {
    return Instant.ofEpochMilli(epochMillis());
  }

  /** The first day this value covers (1970-06 -> 1970-06-01). */
  public LocalDate toLocalDate() {
    return LocalDate.of(year, month, day);
  }

  /** The earliest value this one may stand for, at full precision (FHIRPath lowBoundary()). */
  public Temporal lowBoundary() {
    return switch (kind) {
      case DATE -> new Temporal(kind, Precision.DAY, year, month, day, 0, 0, 0, 0, null);
      case TIME -> new Temporal(kind, Precision.MILLIS, 0, 1, 1, hour, minute, second, millis, null);
      case DATETIME -> new Temporal(kind, Precision.MILLIS, year, month, day, hour, minute, second, millis,
          offsetMinutes != null ? offsetMinutes : 14 * 60);
    };
  }

  /** The latest value this one may stand for, at full precision (FHIRPath highBoundary()). */
  public Temporal highBoundary() {
    int m = precision.compareTo(Precision.MONTH) >= 0 ? month : 12;
    int d = precision.compareTo(Precision.DAY) >= 0 ? day : YearMonth.of(year, m).lengthOfMonth();
    int h = precision.compareTo(Precision.HOUR) >= 0 ? hour : 23;
    int mi = precision.compareTo(Precision.MINUTE) >= 0 ? minute : 59;
    int s = precision.compareTo(Precision.SECOND) >= 0 ? second : 59;
    int ms = precision.compareTo(Precision.MILLIS) >= 0 ? millis : 999;
    return switch (kind) {
      case DATE -> new Temporal(kind, Precision.DAY, year, m, d, 0, 0, 0, 0, null);
      case TIME -> new Temporal(kind, Precision.MILLIS, 0, 1, 1, h, mi, s, ms, null);
      case DATETIME -> new Temporal(kind, Precision.MILLIS, year, m, d, h, mi, s, ms,
          offsetMinutes != null ? offsetMinutes : -12 * 60);
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (kind != Kind.TIME) {
      sb.append(String.format("%04d", year));
      if (precision.compareTo(Precision.MONTH) >= 0) {
        sb.append(String.format("-%02d", month));
      }
      if (precision.compareTo(Precision.DAY) >= 0) {
        sb.append(String.format("-%02d", day));
      }
      if (precision.compareTo(Precision.HOUR) < 0) {
        return sb.toString();
      }
      sb.append('T');
    }
    sb.append(String.format("%02d", hour));
    if (precision.compareTo(Precision.MINUTE) >= 0) {
      sb.append(String.format(":%02d", minute));
    }
    if (precision.compareTo(Precision.SECOND) >= 0) {
      sb.append(String.format(":%02d", second));
    }
    if (precision == Precision.MILLIS) {
      sb.append(String.format(".%03d", millis));
    }
    if (offsetMinutes != null && kind != Kind.TIME) {
      if (offsetMinutes == 0 && precision != Precision.MILLIS) {
        sb.append('Z');
      } else {
        int abs = Math.abs(offsetMinutes);
        sb.append(offsetMinutes < 0 ? '-' : '+').append(String.format("%02d:%02d", abs / 60, abs % 60));
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Temporal t && toString().equals(t.toString()) && kind == t.kind;
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
