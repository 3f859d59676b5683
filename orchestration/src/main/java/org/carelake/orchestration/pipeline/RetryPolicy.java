package org.carelake.orchestration.pipeline;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures are worth another attempt and how long to wait: I/O and timeouts (a storage or network hiccup, an
 * executor lost, a concurrent Delta commit) are retried with exponential backoff; everything else (bad SQL, missing
 * files, failed data-quality gates) fails at once, since running it again gives the same answer.
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMillis) {
  public static final String CONF_ATTEMPTS = "spark.carelake.pipeline.attempts";
  public static final String CONF_BACKOFF = "spark.carelake.pipeline.backoffMillis";

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(CONF_ATTEMPTS + " must be at least 1");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(3, 2_000);
  }

  public long backoffMillis(int failedAttempt) {
    return initialBackoffMillis * (1L << Math.min(20, failedAttempt - 1));
  }

  public boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof FileNotFoundException) {
        return false;
      }
      if (t instanceof IOException || t instanceof TimeoutException || isConcurrentCommit(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Delta's optimistic concurrency conflicts (io.delta.exceptions.*Concurrent*), by name to stay version-proof. */
  private static boolean isConcurrentCommit(Throwable t) {
    String name = t.getClass().getName();
    return name.startsWith("io.delta.exceptions.") && name.contains("Concurrent");
  }
}
