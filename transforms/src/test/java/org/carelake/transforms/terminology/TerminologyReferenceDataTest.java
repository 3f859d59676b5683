package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Reference data: every code of the copied eCQM 2025 value set excerpts whose system has a validator validates, and
 * is stored unchanged (the value sets already use the normalized forms).
 */
class TerminologyReferenceDataTest {
  private static final Set<String> VALIDATED = Set.of("LOINC", "SNOMEDCT", "ICD10CM", "ICD10PCS", "CVX", "RXNORM",
      "CPT", "HCPCS");

  @Test
  void everyEcqmCodeValidatesForItsSystem() {
    CodeSystemRegistry registry = CodeSystemRegistry.defaults();
    Map<String, Integer> perValidator = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (String file : List.of("cms122-valuesets-excerpt.tsv", "ecqm-valuesets-mixed-excerpt.tsv")) {
      for (ValueSetCode row : TerminologyFilesTest.resource(file).valueSetCodes()) {
        CodeSystemInfo info = registry.info(row.system());
        assertTrue(info.standard(), row.system() + " should be a standard system");
        if (!VALIDATED.contains(info.validator())) {
          continue;
        }
        perValidator.merge(info.validator(), 1, Integer::sum);
        Validation v = Validators.forName(info.validator()).validate(row.code());
        if (!v.valid() || !v.normalizedCode().equals(row.code())) {
          failures.add(row.system() + "|" + row.code() + ": " + v);
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(VALIDATED, perValidator.keySet(), "the excerpts cover every validated system: " + perValidator);
    assertEquals(Map.of("CPT", 4, "CVX", 12, "HCPCS", 20, "ICD10CM", 8, "ICD10PCS", 4, "LOINC", 5, "RXNORM", 6,
        "SNOMEDCT", 9), perValidator);
  }
}
