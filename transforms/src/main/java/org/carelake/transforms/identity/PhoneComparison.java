package org.carelake.transforms.identity;

/**
 * Phone: same ten digits (or the same seven when either lacks its area code), same last seven (an area code
 * changed by an overlay or mistyped), different.
 */
public final class PhoneComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int SAME = 1;
  public static final int SAME_LAST_7 = 2;
  public static final int DIFFERENT = 3;

  public PhoneComparison() {
    super("phone",
        Level.missing("missing"),
        new Level("same", 0.75, 0.0002),
        new Level("same last 7", 0.02, 0.0002),
        new Level("different", 0.23, 0.9996));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    String pa = a.phone();
    String pb = b.phone();
    if (pa == null || pb == null) {
      return MISSING;
    }
    if (pa.equals(pb)) {
      return SAME;
    }
    if (pa.substring(pa.length() - 7).equals(pb.substring(pb.length() - 7))) {
      return pa.length() == 7 || pb.length() == 7 ? SAME : SAME_LAST_7;
    }
    return DIFFERENT;
  }

  @Override
  public boolean corroborates(int level) {
    return level == SAME || level == SAME_LAST_7;
  }
}
