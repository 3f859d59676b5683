package org.carelake.marts.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one character format out of a SAS PROC FORMAT program (AHRQ ships its ICD-10-CM tables that way):
 * {@code Value $NAME "A", "B"="LABEL" ... other=" " ;} becomes code -> label.
 */
final class SasFormatParser {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"(\\s*=\\s*\"([^\"]*)\")?");

  private SasFormatParser() {}

  static Map<String, String> parse(String program, String formatName) {
    Matcher header = Pattern.compile("(?i)\\bvalue\\s+\\$" + Pattern.quote(formatName) + "\\b").matcher(program);
    if (!header.find()) {
      throw new IllegalArgumentException("no format $" + formatName + " in the SAS program");
    }
    int end = program.indexOf(';', header.end());
    String body = program.substring(header.end(), end < 0 ? program.length() : end);
    int other = body.toLowerCase(Locale.ROOT).indexOf("other");
    if (other >= 0) {
      body = body.substring(0, other);
    }
    body = body.replaceAll("/\\*.*?\\*/", " ");
    if (body.matches("(?s).*\"\\s*-\\s*\".*")) {
      throw new IllegalArgumentException("$" + formatName + ": value ranges are not supported");
    }
    Map<String, String> out = new TreeMap<>();
    List<String> pending = new ArrayList<>();
    Matcher m = QUOTED.matcher(body);
    while (m.find()) {
      pending.add(Icd10Codes.normalize(m.group(1)));
      if (m.group(2) != null) {
        for (String code : pending) {
          out.put(code, m.group(3).strip());
        }
        pending.clear();
      }
    }
    return out;
  }
}
