package org.carelake.transforms.identity;

/** E-mail address, compared without regard to case: same, different. */
public final class EmailComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int SAME = 1;
  public static final int DIFFERENT = 2;

  public EmailComparison() {
    super("email",
        Level.missing("missing"),
        new Level("same", 0.60, 0.0001),
        new Level("different", 0.40, 0.9999));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    if (a.email() == null || b.email() == null) {
      return MISSING;
    }
    return a.email().equalsIgnoreCase(b.email()) ? SAME : DIFFERENT;
  }

  @Override
  public boolean corroborates(int level) {
    return level == SAME;
  }
}
