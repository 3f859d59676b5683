package org.carelake.ingestion.fhir;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.carelake.core.Utf8;

/** Strict UTF-8 decoding and printable excerpts of raw input. */
final class Text {
  private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  /** The line as a string, or null when it is not valid UTF-8. */
  String decode(byte[] buf, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (buf[i] < 0) {
        return decodeStrict(buf, off, len);
      }
    }
    return new String(buf, off, len, StandardCharsets.ISO_8859_1); // pure ASCII
  }

  private String decodeStrict(byte[] buf, int off, int len) {
    try {
      strict.reset();
      CharBuffer chars = strict.decode(ByteBuffer.wrap(buf, off, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Whether the bytes are well-formed UTF-8; see {@link Utf8#isValid}. */
  static boolean isValidUtf8(byte[] buf, int off, int len) {
    return Utf8.isValid(buf, off, len);
  }

  /** Byte position of the first invalid UTF-8 sequence (for the quarantine detail). */
  static int firstInvalid(byte[] buf, int off, int len) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(buf, off, len);
    CharBuffer out = CharBuffer.allocate(len + 1);
    var result = d.decode(in, out, true);
    return result.isError() ? in.position() - off : -1;
  }

  /** At most {@code max} bytes as text, invalid bytes replaced and control characters escaped. */
  static String excerpt(byte[] buf, int off, int len, int max) {
    String s = new String(buf, off, Math.min(len, max), StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
