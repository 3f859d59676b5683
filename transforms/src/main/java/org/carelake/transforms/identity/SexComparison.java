package org.carelake.transforms.identity;

/** Sex: same or different; U (other, unknown) counts as missing, being no evidence either way. */
public final class SexComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int SAME = 1;
  public static final int DIFFERENT = 2;

  public SexComparison() {
    super("sex",
        Level.missing("missing"),
        new Level("same", 0.98, 0.5),
        new Level("different", 0.02, 0.5));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    String sa = a.sex();
    String sb = b.sex();
    if (sa == null || sb == null || sa.equals("U") || sb.equals("U")) {
      return MISSING;
    }
    return sa.equals(sb) ? SAME : DIFFERENT;
  }
}
