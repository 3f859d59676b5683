package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What every model needs about one person: age at the as-of date (whole years), sex, the year's ICD-10-CM
 * diagnosis codes (dotted or not), and, for CMS-HCC, the Medicaid flag, the original reason for entitlement
 * (OREC: 0 old age, 1 disability, 2 ESRD, 3 both) and the eligibility segment.
 */
public record PersonRiskInput(int age, Sex sex, List<String> diagnosisCodes, boolean medicaid, String orec,
    HccSegment segment) implements Serializable {

  public PersonRiskInput {
    if (age < 0) {
      throw new IllegalArgumentException("age must not be negative: " + age);
    }
    Objects.requireNonNull(sex, "sex");
    Objects.requireNonNull(segment, "segment");
    // Source arrays may hold nulls (Spark rows); a missing code is simply not a diagnosis.
    diagnosisCodes = diagnosisCodes == null ? List.of()
        : diagnosisCodes.stream().filter(Objects::nonNull).toList();
    orec = orec == null || orec.isBlank() ? "0" : orec.strip();
  }

  /** Community non-dual aged, OREC 0, no Medicaid: the hccpy defaults. */
  public static PersonRiskInput of(int age, Sex sex, List<String> diagnosisCodes) {
    return new PersonRiskInput(age, sex, diagnosisCodes, false, "0", HccSegment.CNA);
  }

  public PersonRiskInput withSegment(HccSegment s) {
    return new PersonRiskInput(age, sex, diagnosisCodes, medicaid, orec, s);
  }

  public PersonRiskInput withMedicaid(boolean m) {
    return new PersonRiskInput(age, sex, diagnosisCodes, m, orec, segment);
  }

  public PersonRiskInput withOrec(String o) {
    return new PersonRiskInput(age, sex, diagnosisCodes, medicaid, o, segment);
  }
}
