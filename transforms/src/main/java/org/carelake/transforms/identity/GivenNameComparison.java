package org.carelake.transforms.identity;

import java.util.HashSet;
import java.util.Set;

/**
 * First given name: exact (spaces ignored, or the same first word: MARY ANN and MARY), nickname or spelling variant
 * ({@link Nicknames}), one side's first name is the other's middle name (a patient who goes by the middle name),
 * Jaro-Winkler of the first words at least 0.92, at least 0.80, one side only an initial that matches, different.
 */
public final class GivenNameComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int EXACT = 1;
  public static final int NICKNAME = 2;
  public static final int MIDDLE_NAME = 3;
  public static final int JW_92 = 4;
  public static final int JW_80 = 5;
  public static final int INITIAL = 6;
  public static final int DIFFERENT = 7;

  public GivenNameComparison() {
    super("given_name",
        Level.missing("missing"),
        new Level("exact", 0.86, 0.012),
        new Level("nickname", 0.04, 0.004),
        new Level("middle name", 0.01, 0.002),
        new Level("jaro-winkler >= 0.92", 0.04, 0.006),
        new Level("jaro-winkler >= 0.80", 0.02, 0.03),
        new Level("initial only", 0.01, 0.002),
        new Level("different", 0.02, 0.944));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    return levelOf(a, b);
  }

  /** The level of two records' given names; shared with the multiple-birth comparison. */
  static int levelOf(PersonRecord a, PersonRecord b) {
    String ga = a.given();
    String gb = b.given();
    if (ga == null || gb == null) {
      return MISSING;
    }
    String fa = firstWord(ga);
    String fb = firstWord(gb);
    if (ga.replace(" ", "").equals(gb.replace(" ", "")) || (fa.length() > 1 && fa.equals(fb))) {
      return EXACT;
    }
    if (fa.length() == 1 || fb.length() == 1) {
      return fa.charAt(0) == fb.charAt(0) ? INITIAL : DIFFERENT;
    }
    if (Nicknames.defaults().same(fa, fb)) {
      return NICKNAME;
    }
    if (otherWords(b).contains(fa) || otherWords(a).contains(fb)) {
      return MIDDLE_NAME;
    }
    double jw = JaroWinkler.similarity(fa, fb);
    return jw >= 0.92 ? JW_92 : jw >= 0.80 ? JW_80 : DIFFERENT;
  }

  private static String firstWord(String name) {
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(0, space);
  }

  /** Every word of every given name except the very first: middle names, and second words of double names. */
  private static Set<String> otherWords(PersonRecord r) {
    Set<String> out = new HashSet<>();
    boolean first = true;
    for (String g : r.givenAll()) {
      for (String w : g.split(" ")) {
        if (!first && w.length() > 1) {
          out.add(w);
        }
        first = false;
      }
    }
    return out;
  }

  /**
   * Given names that share nothing (not a nickname, a middle name, an initial or a spelling) forbid an automatic
   * link: with the rest equal that is a twin or a sibling, the usual overlay under one MRN.
   */
  @Override
  public boolean forbidsAutoLink(int level) {
    return level == DIFFERENT;
  }
}
