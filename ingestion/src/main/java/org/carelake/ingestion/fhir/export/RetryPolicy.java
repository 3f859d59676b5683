package org.carelake.ingestion.fhir.export;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How often and how patiently to retry 429, 5xx and broken connections: the server's Retry-After when it gives one
 * (capped, so one answer cannot park a job for a day), else a doubling backoff.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The wait before attempt {@code attempt + 1}: Retry-After if readable, else the backoff. */
  public Duration delay(int attempt, String retryAfter) {
    Duration server = retryAfter == null ? null : retryAfter(retryAfter, maxRetryAfter);
    return server != null ? server : backoff(attempt);
  }

  /** initialBackoff * 2^(attempt-1), at most maxBackoff. */
  public Duration backoff(int attempt) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  /** Retry-After as delay-seconds or an HTTP date, capped at {@code max}; null when unreadable. */
  public static Duration retryAfter(String value, Duration max) {
    String v = value.strip();
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      try {
        d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
