package org.carelake.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a page answers: status, content type, body and extra headers (cookies, redirects, downloads). */
public record Response(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
  public static Response html(int status, String html) {
    return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
  }

  public static Response redirect(String location) {
    Response r = new Response(303, "text/plain; charset=utf-8", new byte[0], new ArrayList<>());
    return r.with("Location", location);
  }

  public static Response text(int status, String text) {
    return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
  }

  public Response with(String header, String value) {
    headers.add(Map.entry(header, value));
    return this;
  }
}
