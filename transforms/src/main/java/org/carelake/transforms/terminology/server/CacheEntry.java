package org.carelake.transforms.terminology.server;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached answer, shaped as a row of {@code ref.terminology_cache}: the operation ({@code translate},
 * {@code validate-code} or {@code expand}), the request key (a JSON array of the call's arguments, nulls included),
 * the answer as JSON text, and when the server gave it.
 */
public record CacheEntry(String operation, String requestKey, String responseJson, Instant fetchedAt) {
  public CacheEntry {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(responseJson, "responseJson");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
  }
}
