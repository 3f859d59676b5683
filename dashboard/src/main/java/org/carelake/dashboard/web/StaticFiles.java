package org.carelake.dashboard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;

/** The dashboard's scripts, styles and vendored libraries, served from the jar (the machines are offline). */
final class StaticFiles {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.(js|css|md)|vendor/[a-z0-9._-]+");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8", "md", "text/plain; charset=utf-8");

  private StaticFiles() {}

  static Response serve(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      return Response.text(404, "Not found.");
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream("/org/carelake/dashboard/static/" + name)) {
      if (in == null) {
        return Response.text(404, "Not found.");
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      return new Response(200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes(),
          new ArrayList<>()).with("Cache-Control", "private, max-age=3600");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
