package org.carelake.transforms.identity;

import java.util.List;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Soundex;

/**
 * Sound-alike codes for names: Double Metaphone (Philips 2000) as the main encoder, American Soundex for callers
 * that want the classic four-character key (blocking keys, for instance). Both come from commons-codec, which Spark
 * already brings onto every executor's classpath.
 *
 * <p>Double Metaphone codes are kept to six characters rather than the usual four, so that long surnames which
 * share only a beginning (ANDERSON, ANDREWS: ANTR with four) stay apart.
 */
public final class Phonetic {
  private static final int CODE_LENGTH = 6;
  /** Encoding reads the length but changes no state, so one shared encoder is safe across threads. */
  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

  static {
    METAPHONE.setMaxCodeLen(CODE_LENGTH);
  }

  private Phonetic() {}

  /** The Double Metaphone primary and alternate codes of a normalized name (spaces ignored); empty for none. */
  public static List<String> codes(String name) {
    String letters = letters(name);
    if (letters.isEmpty()) {
      return List.of();
    }
    String primary = METAPHONE.doubleMetaphone(letters, false);
    String alternate = METAPHONE.doubleMetaphone(letters, true);
    if (primary == null || primary.isEmpty()) {
      return List.of();
    }
    return alternate == null || alternate.isEmpty() || alternate.equals(primary)
        ? List.of(primary) : List.of(primary, alternate);
  }

  /**
   * Whether two names sound alike: their primary Double Metaphone codes are equal, or one's primary code is the
   * other's alternate (the "strong" and "normal" matches of Double Metaphone; two alternates alone do not count).
   */
  public static boolean same(String a, String b) {
    List<String> ca = codes(a);
    List<String> cb = codes(b);
    if (ca.isEmpty() || cb.isEmpty()) {
      return false;
    }
    return cb.contains(ca.get(0)) || ca.contains(cb.get(0));
  }

  /** American Soundex of a name (spaces ignored): a letter and three digits; null for a name without letters. */
  public static String soundex(String name) {
    String letters = letters(name);
    return letters.isEmpty() ? null : Soundex.US_ENGLISH.encode(letters);
  }

  private static String letters(String name) {
    String folded = Normalize.fold(name);
    return folded == null ? "" : folded.replaceAll("[^A-Z]", "");
  }
}
