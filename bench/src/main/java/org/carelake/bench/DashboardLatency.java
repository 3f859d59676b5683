package org.carelake.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Response times of the dashboard's worklist and Patient 360 pages as a browser sees them: logs in through the
 * login form, then alternates worklist requests (both sorts; every other one filtered by a measure) with patient
 * pages of people drawn at random (seeded) from a list, one request at a time, and prints p50 / p95 / p99 / max per
 * page as Markdown.
 * Only the JDK: it runs as a source file ({@code java DashboardLatency.java ...}), without the application's
 * classpath.
 *
 * <pre>java DashboardLatency.java BASE_URL USER PASSWORD_FILE PERSON_IDS_FILE [REQUESTS_PER_PAGE] [MEASURES...]</pre>
 */
public final class DashboardLatency {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final List<String> SORTS = List.of("risk", "due");

  private final URI base;
  private final HttpClient http;

  private DashboardLatency(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: DashboardLatency BASE_URL USER PASSWORD_FILE PERSON_IDS_FILE [REQUESTS] [MEASURES...]");
      System.exit(2);
    }
    DashboardLatency bench = new DashboardLatency(URI.create(args[0]));
    String password = Files.readAllLines(Path.of(args[2])).get(0).strip();
    List<String> people = Files.readAllLines(Path.of(args[3])).stream().map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    int requests = args.length > 4 ? Integer.parseInt(args[4]) : 200;
    List<String> measures = args.length > 5 ? Arrays.asList(args).subList(5, args.length) : List.of();
    if (people.isEmpty()) {
      throw new IllegalArgumentException("no person ids in " + args[3]);
    }
    bench.login(args[1], password);
    Map<String, List<Long>> times = bench.run(people, requests, measures);
    System.out.println("| page | requests | p50 ms | p95 ms | p99 ms | max ms |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    times.forEach((page, list) -> {
      long[] ms = list.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("| %s | %d | %d | %d | %d | %d |%n", page, ms.length, pct(ms, 50), pct(ms, 95), pct(ms, 99),
          ms[ms.length - 1]);
    });
  }

  private void login(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> form = get("/login");
    Matcher m = CSRF.matcher(form.body());
    if (form.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("no login form at " + base.resolve("/login") + " (" + form.statusCode() + ")");
    }
    String body = "user=" + enc(user) + "&password=" + enc(password) + "&csrf=" + enc(m.group(1));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 303 && r.statusCode() != 302) {
      throw new IllegalStateException("login as " + user + " failed: HTTP " + r.statusCode());
    }
    HttpResponse<String> home = get("/worklist");
    if (home.statusCode() != 200) {
      throw new IllegalStateException("after login /worklist answers " + home.statusCode()
          + " (a generated password must be changed first: carelake user passwd)");
    }
  }

  private Map<String, List<Long>> run(List<String> people, int requests, List<String> measures)
      throws IOException, InterruptedException {
    Random random = new Random(42);
    Map<String, List<Long>> times = new LinkedHashMap<>();
    times.put("worklist", new ArrayList<>());
    times.put("patient", new ArrayList<>());
    for (int i = 0; i < requests; i++) {
      StringBuilder worklist = new StringBuilder("/worklist?sort=").append(SORTS.get(i % SORTS.size()));
      if (!measures.isEmpty() && i % 2 == 1) {
        worklist.append("&measure=").append(enc(measures.get(random.nextInt(measures.size()))));
      }
      times.get("worklist").add(timed(worklist.toString()));
      times.get("patient").add(timed("/patient/" + enc(people.get(random.nextInt(people.size())))));
    }
    return times;
  }

  private long timed(String path) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<String> r = get(path);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered HTTP " + r.statusCode());
    }
    return ms;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
