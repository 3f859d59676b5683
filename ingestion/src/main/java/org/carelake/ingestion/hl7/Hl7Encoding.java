package org.carelake.ingestion.hl7;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escape;
import java.io.Serializable;

/**
 * The delimiters a message declares in MSH-1 and MSH-2. Real feeds send two to five encoding characters (the
 * truncation character of v2.7 is a fifth, some senders add junk); the first four are used and checked for the
 * ambiguities that would make fields split wrongly.
 */
public record Hl7Encoding(char field, char component, char repetition, char escape, char subcomponent)
    implements Serializable {
  public static final Hl7Encoding DEFAULT = new Hl7Encoding('|', '^', '~', '\\', '&');

  /**
   * Reads the delimiters from a header segment ({@code MSH}, {@code BHS} or {@code FHS}).
   *
   * @throws Hl7FormatException when they are missing or ambiguous
   */
  public static Hl7Encoding of(String header) {
    if (header.length() < 5) {
      throw new Hl7FormatException(Hl7Reject.BAD_SEPARATORS, "header segment too short to declare delimiters");
    }
    char f = header.charAt(3);
    if (Character.isLetterOrDigit(f) || Character.isWhitespace(f)) {
      throw new Hl7FormatException(Hl7Reject.BAD_SEPARATORS, "field separator '" + f + "' is a letter, digit or space");
    }
    int end = header.indexOf(f, 4);
    String enc = header.substring(4, end < 0 ? header.length() : end);
    if (enc.length() < 2) {
      throw new Hl7FormatException(Hl7Reject.BAD_SEPARATORS,
          "MSH-2 declares " + enc.length() + " encoding character(s), at least component and repetition are needed");
    }
    char[] c = new char[] {enc.charAt(0), enc.charAt(1), enc.length() > 2 ? enc.charAt(2) : '\\',
        enc.length() > 3 ? enc.charAt(3) : '&'};
    for (int i = 0; i < c.length; i++) {
      if (Character.isLetterOrDigit(c[i]) || Character.isWhitespace(c[i]) || c[i] == f) {
        throw new Hl7FormatException(Hl7Reject.BAD_SEPARATORS, "encoding character '" + c[i] + "' in MSH-2 '" + enc
            + "' is a letter, digit, space or the field separator");
      }
      for (int j = 0; j < i; j++) {
        if (c[i] == c[j]) {
          throw new Hl7FormatException(Hl7Reject.BAD_SEPARATORS, "encoding character '" + c[i] + "' appears twice in MSH-2 '"
              + enc + "'");
        }
      }
    }
    return new Hl7Encoding(f, c[0], c[1], c[2], c[3]);
  }

  /** Decodes escape sequences ({@code \F\}, {@code \S\}, {@code \T\}, {@code \R\}, {@code \E\}, {@code \Xhh\}...) as HAPI does. */
  public String unescape(String text) {
    if (text.indexOf(escape) < 0) {
      return text;
    }
    return Escape.unescape(text, new EncodingCharacters(field, component, repetition, escape, subcomponent));
  }
}
