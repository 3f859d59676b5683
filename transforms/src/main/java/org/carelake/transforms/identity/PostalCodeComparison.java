package org.carelake.transforms.identity;

/** Postal code: same five-digit ZIP, same first three characters (the same sectional centre), different. */
public final class PostalCodeComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int SAME = 1;
  public static final int SAME_FIRST_3 = 2;
  public static final int DIFFERENT = 3;

  public PostalCodeComparison() {
    super("postal_code",
        Level.missing("missing"),
        new Level("same", 0.85, 0.01),
        new Level("same first 3", 0.05, 0.05),
        new Level("different", 0.10, 0.94));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    String pa = a.postalCode();
    String pb = b.postalCode();
    if (pa == null || pb == null) {
      return MISSING;
    }
    if (pa.equals(pb)) {
      return SAME;
    }
    return pa.length() >= 3 && pb.length() >= 3 && pa.regionMatches(0, pb, 0, 3) ? SAME_FIRST_3 : DIFFERENT;
  }

  @Override
  public boolean corroborates(int level) {
    return level == SAME;
  }
}
