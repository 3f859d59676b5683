package org.carelake.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser stand-in: keeps cookies by hand (so tests can read their attributes), follows no redirects. */
public final class TestClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private final TestServer server;
  private final HttpClient http;
  public final Map<String, String> cookies = new LinkedHashMap<>();

  public TestClient(TestServer server) {
    this.server = server;
    this.http = HttpClient.newBuilder().sslContext(server.clientTls())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(server.base() + path)).GET());
  }

  public HttpResponse<String> post(String path, Map<String, String> form) {
    return post(path, form, null);
  }

  /** A form post as a browser on {@code origin} would send it (null: no Origin header). */
  public HttpResponse<String> post(String path, Map<String, String> form, String origin) {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    return send(origin == null ? b : b.header("Origin", origin));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String c : r.headers().allValues("Set-Cookie")) {
        String nv = c.split(";", 2)[0];
        int eq = nv.indexOf('=');
        String value = nv.substring(eq + 1);
        if (value.isEmpty() || c.contains("Max-Age=0")) {
          cookies.remove(nv.substring(0, eq));
        } else {
          cookies.put(nv.substring(0, eq), value);
        }
      }
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in the page");
    }
    return m.group(1);
  }

  /** Logs in and returns the page's CSRF token. */
  public String login(String user, String password) {
    String token = csrf(get("/login").body());
    HttpResponse<String> r = post("/login", Map.of("csrf", token, "user", user, "password", password));
    if (r.statusCode() != 303) {
      throw new AssertionError("login of " + user + " failed: " + r.statusCode());
    }
    return csrf(get("/overview").body());
  }
}
