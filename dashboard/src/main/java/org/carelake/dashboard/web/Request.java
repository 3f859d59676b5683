package org.carelake.dashboard.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carelake.dashboard.auth.WebSession;

/** An incoming request: path, query and form parameters, cookies, client address and the session if any. */
public final class Request {
  private static final int MAX_FORM_BYTES = 64 * 1024;
  private final HttpExchange exchange;
  private final Map<String, String> query;
  private final Map<String, String> form;
  private final Map<String, String> cookies;
  private WebSession session;

  Request(HttpExchange exchange) throws IOException {
    this.exchange = exchange;
    this.query = parse(exchange.getRequestURI().getRawQuery());
    this.cookies = cookies(exchange.getRequestHeaders().get("Cookie"));
    if ("POST".equals(exchange.getRequestMethod())) {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
          throw new IOException("form too large");
        }
        this.form = parse(new String(body, StandardCharsets.UTF_8));
      }
    } else {
      this.form = Map.of();
    }
  }

  public String method() {
    return exchange.getRequestMethod();
  }

  public String path() {
    return exchange.getRequestURI().getPath();
  }

  public String query(String name) {
    return query.get(name);
  }

  public String form(String name) {
    return form.get(name);
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  public String client() {
    return exchange.getRemoteAddress().getAddress().getHostAddress();
  }

  public WebSession session() {
    return session;
  }

  void session(WebSession s) {
    this.session = s;
  }

  static Map<String, String> parse(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  private static Map<String, String> cookies(List<String> headers) {
    Map<String, String> out = new HashMap<>();
    if (headers == null) {
      return out;
    }
    for (String h : headers) {
      for (String c : h.split(";")) {
        int eq = c.indexOf('=');
        if (eq > 0) {
          out.putIfAbsent(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
        }
      }
    }
    return out;
  }
}
