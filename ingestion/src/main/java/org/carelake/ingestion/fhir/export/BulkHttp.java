package org.carelake.ingestion.fhir.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of bulk export on {@link java.net.http.HttpClient}: requests with the bearer token, retries of 429,
 * 5xx and broken connections (Retry-After honoured), one fresh token after a 401, and redirects followed by hand so
 * that the token never travels to another origin.
 */
public final class BulkHttp implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;

  /** A response that was not retried away: status, headers, body and the URL that answered. */
  public record Reply(int status, HttpHeaders headers, String body, URI uri) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final AccessTokenSource auth;
  private final RetryPolicy policy;
  private final Pause pause;
  private final Duration timeout;
  private final ExecutorService executor;
  private final HttpClient http;

  public BulkHttp(AccessTokenSource auth, RetryPolicy policy, Pause pause, Duration timeout) {
    this.auth = Objects.requireNonNull(auth);
    this.policy = policy;
    this.pause = pause;
    this.timeout = timeout;
    // Our own daemon threads, so close() releases them (HttpClient has no close() before Java 21).
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "carelake-export-http");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public AccessTokenSource auth() {
    return auth;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /**
   * A whole request with retries: returns the first answer that is neither 429 nor 5xx (nor a 401 a fresh token
   * cured), or throws once the attempts are spent. {@code what} names the step in messages ("kick-off", "status").
   */
  public Reply call(String what, String method, URI uri, Map<String, String> headers, String formBody,
      boolean authorize) {
    String last = null;
    int lastStatus = 0;
    Throwable lastCause = null;
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      String retryAfter = null;
      try {
        String authorization = authorize ? auth.authorization() : null;
        Reply r = once(method, uri, headers, formBody, authorization);
        if (r.status() == 401 && authorization != null && !refreshed && auth.rejected(authorization)) {
          refreshed = true;
          attempt--;
          continue;
        }
        if (r.status() != 429 && r.status() < 500) {
          return r;
        }
        lastStatus = r.status();
        lastCause = null;
        last = "HTTP " + r.status() + describe(r.body());
        retryAfter = r.header("Retry-After").orElse(null);
      } catch (IOException e) {
        lastCause = e;
        lastStatus = 0;
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BulkExportException(what + " " + method + " " + uri + " was interrupted", 0, e);
      }
      if (attempt >= policy.maxAttempts()) {
        throw new BulkExportException(auth.redact(what + ": " + method + " " + uri + " failed after " + attempt
            + (attempt == 1 ? " attempt: " : " attempts: ") + last), lastStatus, lastCause);
      }
      sleep(policy.delay(attempt, retryAfter));
    }
  }

  /**
   * One request, redirects followed; a 401 is asked again with a fresh token when the source can give one. The body
   * arrives as a stream (downloads); the caller closes it.
   */
  public HttpResponse<InputStream> stream(URI uri, Map<String, String> headers, boolean authorize)
      throws IOException, InterruptedException {
    for (int tries = 1; ; tries++) {
      String authorization = authorize ? auth.authorization() : null;
      HttpResponse<InputStream> r = follow(uri, headers, authorization);
      if (r.statusCode() == 401 && authorization != null && tries < 3 && auth.rejected(authorization)) {
        r.body().close();
        continue;
      }
      return r;
    }
  }

  public void sleep(Duration d) {
    try {
      pause.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BulkExportException("interrupted while waiting", 0, e);
    }
  }

  private Reply once(String method, URI uri, Map<String, String> headers, String formBody, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body = formBody == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8);
    URI at = uri;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(at).timeout(timeout).method(method, body);
      headers.forEach(b::header);
      if (formBody != null) {
        b.header("Content-Type", "application/x-www-form-urlencoded");
      }
      if (authorization != null && sameOrigin(at, uri)) {
        b.header("Authorization", authorization);
      }
      HttpResponse<String> r = whole(b.build());
      Optional<String> location = r.headers().firstValue("Location");
      if (isRedirect(r.statusCode()) && location.isPresent() && hop < MAX_REDIRECTS && "GET".equals(method)) {
        at = at.resolve(location.get());
        continue;
      }
      return new Reply(r.statusCode(), r.headers(), r.body(), at);
    }
  }

  private HttpResponse<InputStream> follow(URI uri, Map<String, String> headers, String authorization)
      throws IOException, InterruptedException {
    URI at = uri;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(at).GET();
      headers.forEach(b::header);
      if (authorization != null && sameOrigin(at, uri)) {
        b.header("Authorization", authorization);
      }
      // The timeout covers the wait for the headers; a download's body may take as long as it needs.
      HttpResponse<InputStream> r = http.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
      Optional<String> location = r.headers().firstValue("Location");
      if (isRedirect(r.statusCode()) && location.isPresent() && hop < MAX_REDIRECTS) {
        r.body().close();
        at = at.resolve(location.get());
        continue;
      }
      return r;
    }
  }

  /**
   * The whole response within the timeout: the request timeout of Java 17's client stops at the headers, so a server
   * stalling mid-body would otherwise hold the job forever.
   */
  private HttpResponse<String> whole(HttpRequest request) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> f =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
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

  /** ": text" of an error body (OperationOutcome diagnostics or an excerpt), or "". */
  public static String describe(String body) {
    String text = OperationOutcomeText.of(body);
    return text.isEmpty() ? "" : ": " + text;
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()),
        lower(b.getHost())) && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
