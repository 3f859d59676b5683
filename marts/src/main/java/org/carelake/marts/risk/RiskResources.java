package org.carelake.marts.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the reference tables shipped under {@code org/carelake/marts/risk/} on the classpath. */
final class RiskResources {
  private static final String ROOT = "/org/carelake/marts/risk/";

  private RiskResources() {}

  static boolean exists(String path) {
    return RiskResources.class.getResource(ROOT + path) != null;
  }

  static String text(String path) {
    return String.join("\n", lines(path));
  }

  /** The file's lines without line terminators (CRLF files included). */
  static List<String> lines(String path) {
    InputStream in = RiskResources.class.getResourceAsStream(ROOT + path);
    if (in == null) {
      throw new IllegalStateException("missing risk reference table on the classpath: " + ROOT + path);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** One CSV record: commas split fields except inside double quotes ("" is a quote). */
  static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
