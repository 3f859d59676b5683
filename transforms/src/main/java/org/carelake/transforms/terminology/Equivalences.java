package org.carelake.transforms.terminology;

import java.util.Locale;

/** The concept map equivalence codes of FHIR R4 (ConceptMapEquivalence) and R5 (ConceptMapRelationship). */
final class Equivalences {
  static final int NO_MAPPING = -1;
  static final int UNKNOWN = -2;

  private Equivalences() {}

  /**
   * How close a mapping is, lower is closer: 0 equivalent/equal, 1 wider/subsumes (the target includes the source),
   * 2 unspecified, related or inexact, 3 narrower/specializes; {@link #NO_MAPPING} for unmatched, disjoint and
   * not-related-to; {@link #UNKNOWN} for any other value.
   */
  static int rank(String equivalence) {
    if (equivalence == null || equivalence.isBlank()) {
      return 2;
    }
    switch (equivalence.strip().toLowerCase(Locale.ROOT)) {
      case "equivalent":
      case "equal":
        return 0;
      case "wider":
      case "subsumes":
      case "source-is-narrower-than-target":
        return 1;
      case "relatedto":
      case "related-to":
      case "inexact":
        return 2;
      case "narrower":
      case "specializes":
      case "source-is-broader-than-target":
        return 3;
      case "unmatched":
      case "disjoint":
      case "not-related-to":
        return NO_MAPPING;
      default:
        return UNKNOWN;
    }
  }
}
