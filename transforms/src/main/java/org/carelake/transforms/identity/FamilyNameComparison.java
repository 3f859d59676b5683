package org.carelake.transforms.identity;

/**
 * Family name: exact (spaces ignored: VAN DYKE, VANDYKE), sound-alike (Double Metaphone) or Jaro-Winkler at least
 * 0.92, one part of a compound name matches (GARCIA LOPEZ and GARCIA, SMITH JONES and JONES), Jaro-Winkler at
 * least 0.80, different. A changed married name falls to "different", which the model weighs only moderately for
 * that reason.
 */
public final class FamilyNameComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int EXACT = 1;
  public static final int PHONETIC = 2;
  public static final int COMPOUND_PART = 3;
  public static final int JW_80 = 4;
  public static final int DIFFERENT = 5;

  public FamilyNameComparison() {
    super("family_name",
        Level.missing("missing"),
        new Level("exact", 0.88, 0.005),
        new Level("phonetic or jaro-winkler >= 0.92", 0.05, 0.006),
        new Level("part of a compound name", 0.03, 0.001),
        new Level("jaro-winkler >= 0.80", 0.01, 0.03),
        new Level("different", 0.03, 0.958));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    return levelOf(a.family(), b.family());
  }

  static int levelOf(String fa, String fb) {
    if (fa == null || fb == null) {
      return MISSING;
    }
    String ca = fa.replace(" ", "");
    String cb = fb.replace(" ", "");
    if (ca.equals(cb)) {
      return EXACT;
    }
    double jw = JaroWinkler.similarity(ca, cb);
    if (jw >= 0.92 || Phonetic.same(ca, cb)) {
      return PHONETIC;
    }
    if (sharesPart(fa, fb)) {
      return COMPOUND_PART;
    }
    return jw >= 0.80 ? JW_80 : DIFFERENT;
  }

  /** Whether the family names agree well enough to be one family's (exact, sound-alike or a shared part). */
  static boolean agrees(int level) {
    return level == EXACT || level == PHONETIC || level == COMPOUND_PART;
  }

  private static boolean sharesPart(String fa, String fb) {
    if (!fa.contains(" ") && !fb.contains(" ")) {
      return false;
    }
    for (String pa : fa.split(" ")) {
      for (String pb : fb.split(" ")) {
        if (pa.length() > 2 && pa.equals(pb)) {
          return true;
        }
      }
    }
    return false;
  }
}
