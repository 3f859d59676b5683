package org.carelake.transforms.terminology.server;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the optional FHIR R4 terminology server is and how hard to try. The bearer token (nullable) is a secret: it is
 * left out of {@link #toString()}, and the client keeps it out of exception messages.
 */
public record TerminologyServerConfig(
    URI baseUrl, String bearerToken, Duration timeout, int maxAttempts, Duration initialBackoff) {
  public static final String TOKEN_ENV = "CARELAKE_TX_TOKEN";
  public static final String TOKEN_FILE_ENV = "CARELAKE_TX_TOKEN_FILE";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

  public TerminologyServerConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    String scheme = baseUrl.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("terminology server base URL must be an absolute http(s) URL");
    }
    // Credentials in the URL would end up in messages; the token has its own place.
    if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "terminology server base URL must not carry user info, a query or a fragment (use " + TOKEN_ENV + ")");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must not be negative");
    }
    if (bearerToken != null) {
      bearerToken = bearerToken.strip();
      if (bearerToken.isEmpty()) {
        bearerToken = null;
      } else if (!bearerToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        // Checked here, as the HTTP client's own complaint about a bad header value could quote it.
        throw new IllegalArgumentException("bearer token must be printable ASCII without spaces");
      }
    }
  }

  /**
   * Defaults, with the token from {@value #TOKEN_ENV} or else read (trimmed) from the file named by
   * {@value #TOKEN_FILE_ENV}; no token when neither is set. Setting both is refused as ambiguous.
   */
  public static TerminologyServerConfig fromEnvironment(URI baseUrl, Map<String, String> env) {
    String direct = blankToNull(env.get(TOKEN_ENV));
    String file = blankToNull(env.get(TOKEN_FILE_ENV));
    if (direct != null && file != null) {
      throw new IllegalArgumentException("set either " + TOKEN_ENV + " or " + TOKEN_FILE_ENV + ", not both");
    }
    String token = direct;
    if (file != null) {
      try {
        token = blankToNull(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        // The path is configuration, not a secret; the file's content never reaches the message.
        throw new IllegalArgumentException(
            "cannot read the token file named by " + TOKEN_FILE_ENV + " (" + file + "): " + e.getClass().getSimpleName());
      }
      if (token == null) {
        throw new IllegalArgumentException("the token file named by " + TOKEN_FILE_ENV + " (" + file + ") is empty");
      }
    }
    return new TerminologyServerConfig(
        baseUrl, token, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF);
  }

  public boolean hasToken() {
    return bearerToken != null;
  }

  @Override
  public String toString() {
    return "TerminologyServerConfig[baseUrl=" + baseUrl + ", bearerToken=" + (hasToken() ? "<redacted>" : "<none>")
        + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
