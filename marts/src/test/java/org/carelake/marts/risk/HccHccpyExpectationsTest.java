package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every V24 and V28 row of hccpy's own test expectations (transcribed in expected-risk-scores-from-hccpy-tests.tsv)
 * must match: scores to the expected's decimals (at least 3), HCC lists, score details, one-to-many mappings.
 * Blank or "(none)" person fields take hccpy's profile() defaults: age 70, male, CNA, OREC 0, no Medicaid.
 */
class HccHccpyExpectationsTest {
  private static final Map<HccOptions, HccModel> MODELS = new HashMap<>();

  /** Notes in other_asserts that name a variable the row's details must hold. */
  private static final Map<String, String> NOTE_VARIABLES =
      Map.of("CHF+diabetes interaction", "DIABETES_CHF", "INS+Medicaid", "LTIMCAID");

  @Test
  void everyV24AndV28RowOfHccpysTestsMatches() throws IOException {
    List<String> failures = new ArrayList<>();
    int matched = 0;
    int hccRows = 0;
    int otherModels = 0;
    for (String[] row : rows()) {
      HccVersion version = switch (row[0]) {
        case "24" -> HccVersion.V24;
        case "28" -> HccVersion.V28;
        default -> null;
      };
      if (version == null) {
        otherModels++;
        continue;
      }
      hccRows++;
      try {
        check(version, row);
        matched++;
      } catch (AssertionError e) {
        failures.add(String.join("|", row) + " -> " + e.getMessage());
      }
    }
    System.out.printf("hccpy expectations: %d of %d V24/V28 rows matched (%d rows for V22/V23/ESRD not in scope)%n",
        matched, hccRows, otherModels);
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
    assertEquals(21, hccRows, "V24/V28 rows in the transcription");
  }

  private static void check(HccVersion version, String[] r) {
    double cif = r[7].equals("default") ? HccOptions.DEFAULT_CODING_INTENSITY : Double.parseDouble(r[7]);
    double norm = r[8].equals("default") ? HccOptions.DEFAULT_NORMALIZATION : Double.parseDouble(r[8]);
    HccOptions options = HccOptions.of(version).withCodingIntensity(cif).withNormalization(norm);
    HccScore s = MODELS.computeIfAbsent(options, HccModel::load).score(person(r));
    String field = r[9];
    String expected = r[10];
    if (field.startsWith("risk_score")) {
      String[] fields = field.split(";");
      String[] values = expected.split(";");
      for (int i = 0; i < fields.length; i++) {
        double actual = fields[i].equals("risk_score") ? s.rawScore() : s.adjustedScore();
        assertDecimals(values[i], actual, fields[i]);
      }
    } else if (field.equals("hcc_lst")) {
      String hcc = expected.replaceFirst("^(not )?contains ", "");
      assertEquals(!expected.startsWith("not "), s.hccs().contains(hcc), "hcc_lst " + s.hccs() + ": " + expected);
    } else if (field.equals("details")) {
      for (String key : expected.replaceFirst("^contains ", "").split(",")) {
        assertTrue(s.components().containsKey(key), "details " + s.components().keySet() + " lacks " + key);
      }
    } else if (field.startsWith("hcc_map[")) {
      String code = field.substring("hcc_map[".length(), field.length() - 1);
      assertEquals(new TreeSet<>(Arrays.asList(expected.split(","))),
          new TreeSet<>(s.ccsByDiagnosis().getOrDefault(code, List.of())), "hcc_map of " + code);
    } else {
      throw new AssertionError("unknown expected_field " + field);
    }
    String other = r.length > 11 ? r[11].strip() : "";
    if (other.startsWith("details has ")) {
      String key = other.substring("details has ".length());
      assertTrue(s.components().containsKey(key), "details " + s.components().keySet() + " lacks " + key);
    } else if (NOTE_VARIABLES.containsKey(other)) {
      String key = s.segment() + "_" + NOTE_VARIABLES.get(other);
      assertTrue(s.components().containsKey(key), other + ": details " + s.components().keySet() + " lack " + key);
    }
  }

  private static PersonRiskInput person(String[] r) {
    List<String> dx = r[1].equals("(none)") || r[1].isBlank() ? List.of() : List.of(r[1].split(","));
    int age = given(r[2]) ? Integer.parseInt(r[2]) : 70;
    Sex sex = given(r[3]) ? Sex.parse(r[3]) : Sex.MALE;
    HccSegment segment = given(r[4]) ? HccSegment.valueOf(r[4]) : HccSegment.CNA;
    return new PersonRiskInput(age, sex, dx, r[6].equalsIgnoreCase("true"), given(r[5]) ? r[5] : "0", segment);
  }

  private static boolean given(String field) {
    return !field.isBlank() && !field.equals("(none)");
  }

  /** Equal once the actual is rounded half-up to the expected's decimals, never fewer than 3. */
  private static void assertDecimals(String expected, double actual, String what) {
    BigDecimal e = new BigDecimal(expected);
    int scale = Math.max(3, e.scale());
    assertEquals(e.setScale(scale, RoundingMode.HALF_UP), BigDecimal.valueOf(actual).setScale(scale,
        RoundingMode.HALF_UP), what + " (actual " + actual + ")");
  }

  private static List<String[]> rows() throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(HccHccpyExpectationsTest.class
        .getResourceAsStream("expected-risk-scores-from-hccpy-tests.tsv"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          out.add(line.split("\t", -1));
        }
      }
    }
    assertFalse(out.isEmpty());
    return out;
  }
}
