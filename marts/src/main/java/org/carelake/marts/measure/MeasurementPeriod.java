package org.carelake.marts.measure;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** A measurement period: whole days, first and last included (CQL's Interval[start 00:00, end 23:59:59.999]). */
public record MeasurementPeriod(LocalDate start, LocalDate end) {
  private static final Pattern PARAMETER = Pattern.compile(":period_(start|end)\\b");

  public MeasurementPeriod {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("measurement period ends (" + end + ") before it starts (" + start + ")");
    }
  }

  /** Parses an ISO interval of dates, {@code 2025-01-01/2025-12-31}. */
  public static MeasurementPeriod parse(String interval) {
    String[] p = interval.split("/");
    try {
      if (p.length == 2) {
        LocalDate start = LocalDate.parse(p[0].strip());
        LocalDate end = LocalDate.parse(p[1].strip());
        if (!end.isBefore(start)) {
          return new MeasurementPeriod(start, end);
        }
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("a measurement period is START/END with ISO dates, START <= END, e.g. "
        + "2025-01-01/2025-12-31; got '" + interval + "'");
  }

  /** The default: the last full calendar year before {@code today}. */
  public static MeasurementPeriod lastFullYear(LocalDate today) {
    int year = today.getYear() - 1;
    return new MeasurementPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  /**
   * Binds the period into a measure model: {@code :period_start} and {@code :period_end} become DATE literals. (Spark's
   * own parameter markers do not survive caching a view built from them, so the binding is textual; the values are
   * dates, never user text.)
   */
  public String bind(String sql) {
    return PARAMETER.matcher(sql).replaceAll(m -> "DATE'" + (m.group(1).equals("start") ? start : end) + "'");
  }

  @Override
  public String toString() {
    return start + "/" + end;
  }
}
