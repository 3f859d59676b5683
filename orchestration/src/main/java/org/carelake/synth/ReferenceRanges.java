package org.carelake.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.carelake.synth.Population.Coding;
import org.carelake.synth.Population.Quantity;
import org.carelake.synth.Population.Range;

/**
 * The reference lab's normal ranges (Synthea sends none): a table by LOINC code and unit, plus the allergen-specific
 * IgE rule (below 0.35 kU/L is class 0). A range applies only when the result's unit is the table's.
 */
final class ReferenceRanges {
  private static final Range IGE = new Range(BigDecimal.ZERO, new BigDecimal("0.35"));

  private record Entry(Range range, String ucum) {}

  private final Map<String, Entry> byLoinc = new TreeMap<>();

  static ReferenceRanges load() {
    try (InputStream in = ReferenceRanges.class.getResourceAsStream("lab-reference-ranges.csv")) {
      if (in == null) {
        throw new IllegalStateException("lab-reference-ranges.csv is missing from the classpath");
      }
      ReferenceRanges r = new ReferenceRanges();
      BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = br.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split(",", -1);
        r.byLoinc.put(f[0], new Entry(new Range(decimal(f[1]), decimal(f[2])), f[3]));
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal decimal(String s) {
    return s.isBlank() ? null : new BigDecimal(s.trim());
  }

  /** The range for a quantitative result, or null when the lab has none for this test and unit. */
  Range lookup(Coding test, Quantity q) {
    if (test == null || q == null || !FhirExportReader.LOINC.equals(test.system())) {
      return null;
    }
    String unit = q.code() != null ? q.code() : q.unit();
    Entry e = byLoinc.get(test.code());
    if (e != null) {
      return e.ucum().equals(unit) ? e.range() : null;
    }
    if ("kU/L".equals(unit) && test.display() != null && test.display().contains("IgE Ab")) {
      return IGE;
    }
    return null;
  }

  /** OBX-7 text: {@code low-high}, {@code <high} or {@code >low}. */
  static String text(Range r) {
    if (r == null || r.low() == null && r.high() == null) {
      return "";
    }
    if (r.low() == null) {
      return "<" + r.high().toPlainString();
    }
    if (r.high() == null) {
      return ">" + r.low().toPlainString();
    }
    return r.low().toPlainString() + "-" + r.high().toPlainString();
  }

  /** OBX-8 (HL7 table 0078): L below, H above, N within; empty without a range or value. */
  static String flag(Range r, BigDecimal value) {
    if (r == null || value == null || r.low() == null && r.high() == null) {
      return "";
    }
    if (r.low() != null && value.compareTo(r.low()) < 0) {
      return "L";
    }
    if (r.high() != null && value.compareTo(r.high()) > 0) {
      return "H";
    }
    return "N";
  }
}
