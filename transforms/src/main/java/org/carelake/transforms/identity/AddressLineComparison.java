package org.carelake.transforms.identity;

/** Address line in USPS form ({@link Normalize#addressLine}): exact, Jaro-Winkler at least 0.9, different. */
public final class AddressLineComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int EXACT = 1;
  public static final int JW_90 = 2;
  public static final int DIFFERENT = 3;

  public AddressLineComparison() {
    super("address_line",
        Level.missing("missing"),
        new Level("exact", 0.70, 0.0002),
        new Level("jaro-winkler >= 0.90", 0.10, 0.001),
        new Level("different", 0.20, 0.9988));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    String la = a.addressLine();
    String lb = b.addressLine();
    if (la == null || lb == null) {
      return MISSING;
    }
    if (la.equals(lb)) {
      return EXACT;
    }
    return JaroWinkler.similarity(la, lb) >= 0.9 ? JW_90 : DIFFERENT;
  }

  @Override
  public boolean corroborates(int level) {
    return level == EXACT || level == JW_90;
  }
}
