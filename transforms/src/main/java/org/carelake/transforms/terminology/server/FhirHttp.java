package org.carelake.transforms.terminology.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs of FHIR operations with the configured headers, retrying 429, 5xx and I/O failures with exponential backoff
 * (or the server's Retry-After). Every message it builds goes through {@link #error} so the token cannot leak.
 */
final class FhirHttp implements AutoCloseable {
  private static final String FHIR_JSON = "application/fhir+json";
  /** The doubling backoff stops growing here. */
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** A longer Retry-After is cut to this, so one answer cannot park a build for hours. */
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private static final System.Logger LOG = System.getLogger(FhirHttp.class.getName());

  /** A response that was not retried: its status, body and the URL path asked (for messages). */
  record Reply(int status, String body, String path, Optional<String> location) {}

  private final TerminologyServerConfig config;
  private final String base;
  private final ExecutorService executor;
  private final HttpClient http;
  private volatile boolean closed;

  FhirHttp(TerminologyServerConfig config) {
    this.config = config;
    String b = config.baseUrl().toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    // Our own executor, so close() can release the threads (HttpClient itself has no close() before Java 21).
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "carelake-tx-http");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.timeout())
        .executor(executor)
        // Never follow redirects: the Authorization header would go wherever the server points.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** GET {@code [base]/path?query}; query holds name/value pairs, null values left out. */
  Reply get(String operation, String path, List<String[]> query) {
    if (closed) {
      throw new IllegalStateException("terminology server client is closed");
    }
    URI uri = URI.create(base + "/" + path + queryString(query));
    String urlPath = uri.getRawPath();
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(config.timeout()).header("Accept", FHIR_JSON);
    if (config.hasToken()) {
      rb.header("Authorization", "Bearer " + config.bearerToken());
    }
    HttpRequest request = rb.build();
    String last = null;
    int lastStatus = 0;
    Throwable lastCause = null;
    for (int attempt = 1; ; attempt++) {
      Duration retryAfter = null;
      try {
        HttpResponse<String> r = send(request);
        int status = r.statusCode();
        if (status != 429 && status < 500) {
          return new Reply(status, r.body(), urlPath, r.headers().firstValue("Location"));
        }
        lastStatus = status;
        lastCause = null;
        last = "HTTP " + status + describe(r.body());
        retryAfter = r.headers().firstValue("Retry-After").map(FhirHttp::retryAfter).orElse(null);
      } catch (IOException e) {
        lastCause = e;
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw error(operation + " on " + urlPath + " was interrupted", lastStatus, e);
      }
      if (attempt >= config.maxAttempts()) {
        throw error(operation + " on " + urlPath + " failed after " + attempt
            + (attempt == 1 ? " attempt" : " attempts") + ": " + last, lastStatus, lastCause);
      }
      Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
      String why = last;
      int n = attempt;
      LOG.log(System.Logger.Level.DEBUG, () -> redact(
          operation + " on " + urlPath + ", attempt " + n + ": " + why + "; retrying in " + wait.toMillis() + " ms"));
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw error(operation + " on " + urlPath + " was interrupted while waiting to retry", lastStatus, e);
      }
    }
  }

  /**
   * The whole response within the timeout: the request timeout of Java 17's client stops at the headers, so a
   * server stalling mid-body would otherwise hold the build forever.
   */
  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> f =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      return f.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new HttpTimeoutException("no complete response within " + config.timeout().toMillis() + " ms");
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    }
  }

  /** An exception whose message has the token, should a server have echoed it, blanked out. */
  TerminologyServerException error(String message, int status, Throwable cause) {
    return new TerminologyServerException(redact(message), status, cause);
  }

  /** The OperationOutcome text of an error body as ": text", or "" when there is none worth showing. */
  static String describe(String body) {
    String text = OperationOutcomes.text(body);
    return text.isEmpty() ? "" : ": " + text;
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }

  private String redact(String s) {
    String token = config.bearerToken();
    return token == null || s == null ? s : s.replace(token, "<redacted>");
  }

  private Duration backoff(int attempt) {
    Duration d = config.initialBackoff();
    for (int i = 1; i < attempt && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** Retry-After as delay-seconds or an HTTP date; null when unreadable (then the computed backoff applies). */
  static Duration retryAfter(String value) {
    return org.carelake.ingestion.fhir.export.RetryPolicy.retryAfter(value, MAX_RETRY_AFTER);
  }

  private static String queryString(List<String[]> query) {
    List<String> parts = new ArrayList<>();
    for (String[] p : query) {
      if (p[1] != null) {
        parts.add(encode(p[0]) + "=" + encode(p[1]));
      }
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static String encode(String s) {
    // Form encoding writes spaces as '+'; %20 means a space to every server.
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
