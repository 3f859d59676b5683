package org.carelake.transforms.terminology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The validators by the names used in the validator column of code-systems.csv. */
public final class Validators {
  public static final String NONE = "NONE";
  private static final Map<String, CodeValidator> BY_NAME = byName();

  private Validators() {}

  private static Map<String, CodeValidator> byName() {
    Map<String, CodeValidator> m = new LinkedHashMap<>();
    m.put("LOINC", new LoincValidator());
    m.put("SNOMEDCT", new SnomedCtValidator());
    m.put("ICD10CM", new Icd10CmValidator());
    m.put("ICD10PCS", new Icd10PcsValidator());
    m.put("ICD9CM", new Icd9CmValidator());
    m.put("RXNORM", new RxNormValidator());
    m.put("CVX", new CvxValidator());
    m.put("NDC", new NdcValidator());
    m.put("CPT", new CptValidator());
    m.put("HCPCS", new HcpcsValidator());
    m.put(NONE, new AnyCodeValidator());
    return Collections.unmodifiableMap(m);
  }

  /**
   * The validator of that name (case-insensitive); null or NONE gives the one that takes any non-blank code.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static CodeValidator forName(String validator) {
    if (validator == null) {
      return BY_NAME.get(NONE);
    }
    CodeValidator v = BY_NAME.get(validator.strip().toUpperCase(Locale.ROOT));
    if (v == null) {
      throw new IllegalArgumentException("unknown validator '" + validator + "', expected one of " + names());
    }
    return v;
  }

  /** The known names: LOINC, SNOMEDCT, ICD10CM, ICD10PCS, ICD9CM, RXNORM, CVX, NDC, CPT, HCPCS, NONE. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }
}
