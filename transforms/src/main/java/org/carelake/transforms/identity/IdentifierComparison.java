package org.carelake.transforms.identity;

import java.util.Objects;

/**
 * A record identifier other than the SSN, compared only where the two values come from the same namespace: an MRN
 * when both carry the same assigning system (or neither does and both come from the same source), a driver's
 * licence when the issuers agree or either is unknown, a passport whenever both have one. Levels: same, different.
 * MRNs from different hospitals say nothing, so they are "missing", not "different".
 */
public final class IdentifierComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int SAME = 1;
  public static final int DIFFERENT = 2;

  /** Which identifier. */
  public enum Kind { MRN, DRIVERS_LICENSE, PASSPORT }

  private final Kind kind;

  private IdentifierComparison(Kind kind, String name, Level same, Level different) {
    super(name, Level.missing("missing or not comparable"), same, different);
    this.kind = kind;
  }

  /** MRNs within one assigning system; a second record there is a duplicate, so "different" is mild. */
  public static IdentifierComparison mrn() {
    return new IdentifierComparison(Kind.MRN, "mrn",
        new Level("same", 0.80, 0.000001), new Level("different", 0.20, 0.999999));
  }

  public static IdentifierComparison driversLicense() {
    return new IdentifierComparison(Kind.DRIVERS_LICENSE, "drivers_license",
        new Level("same", 0.90, 0.000001), new Level("different", 0.10, 0.999999));
  }

  /** Passports are renewed under new numbers, hence the larger m of "different". */
  public static IdentifierComparison passport() {
    return new IdentifierComparison(Kind.PASSPORT, "passport",
        new Level("same", 0.85, 0.000001), new Level("different", 0.15, 0.999999));
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    String va;
    String vb;
    switch (kind) {
      case MRN -> {
        va = a.mrn();
        vb = b.mrn();
        boolean sameSystem = a.mrnSystem() != null
            ? a.mrnSystem().equals(b.mrnSystem())
            : b.mrnSystem() == null && a.sourceSystem() != null && a.sourceSystem().equals(b.sourceSystem());
        if (!sameSystem) {
          return MISSING;
        }
      }
      case DRIVERS_LICENSE -> {
        va = a.driversLicense();
        vb = b.driversLicense();
        String ia = a.driversLicenseSystem();
        String ib = b.driversLicenseSystem();
        if (ia != null && ib != null && !ia.equals(ib)) {
          return MISSING;
        }
      }
      default -> {
        va = a.passport();
        vb = b.passport();
      }
    }
    if (va == null || vb == null) {
      return MISSING;
    }
    return Objects.equals(va, vb) ? SAME : DIFFERENT;
  }

  @Override
  public boolean corroborates(int level) {
    return level == SAME;
  }
}
