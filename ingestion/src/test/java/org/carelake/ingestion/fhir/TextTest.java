package org.carelake.ingestion.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {
  private final Text text = new Text();

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void decodesAscii() {
    String s = "{\"resourceType\":\"Patient\",\"id\":\"p1\"}";
    assertEquals(s, text.decode(s.getBytes(UTF_8), 0, s.length()));
  }

  @Test
  void decodesOnlyTheGivenRange() {
    byte[] buf = "xx{\"a\":1}yy".getBytes(UTF_8);
    assertEquals("{\"a\":1}", text.decode(buf, 2, 7));
    assertEquals("", text.decode(buf, 4, 0));
  }

  @Test
  void asciiControlCharactersArePassedThrough() {
    byte[] buf = bytes(0x00, 'a', 0x09, 0x7f);
    assertEquals("\u0000a\t\u007f", text.decode(buf, 0, buf.length));
  }

  @Test
  void decodesValidMultiByteUtf8() {
    String s = "{\"name\":\"José Ñúñez\",\"city\":\"東京\",\"note\":\"😀\"}";
    byte[] buf = s.getBytes(UTF_8);
    assertEquals(s, text.decode(buf, 0, buf.length));
  }

  @Test
  void decodesMultiByteUtf8InsideARange() {
    byte[] inner = "ü東😀".getBytes(UTF_8);
    byte[] buf = concat(bytes(0xff, 0xfe), inner, bytes(0xc3));
    assertEquals("ü東😀", text.decode(buf, 2, inner.length), "invalid bytes outside the range do not matter");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "ff", // never valid in UTF-8
      "80", // a lone continuation byte
      "c3", // truncated two-byte sequence at the end
      "e69d", // truncated three-byte sequence
      "c0af", // overlong encoding of '/'
      "eda080", // an encoded UTF-16 surrogate
      "f4908080", // above U+10FFFF
      "c328", // lead byte followed by a non-continuation byte
  })
  void rejectsInvalidUtf8(String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] buf = concat("{\"a\":\"ok ".getBytes(UTF_8), bad, "\"}".getBytes(UTF_8));
    assertNull(text.decode(buf, 0, buf.length));
  }

  @Test
  void theDecoderIsReusableAfterAFailure() {
    byte[] bad = concat("é".getBytes(UTF_8), bytes(0xff));
    byte[] good = "ñandú".getBytes(UTF_8);
    assertNull(text.decode(bad, 0, bad.length));
    assertEquals("ñandú", text.decode(good, 0, good.length));
    assertNull(text.decode(bad, 0, bad.length));
  }

  @Test
  void firstInvalidIsTheBytePositionOfTheBadSequence() {
    byte[] ascii = concat("abc".getBytes(UTF_8), bytes(0xff), "d".getBytes(UTF_8));
    assertEquals(3, Text.firstInvalid(ascii, 0, ascii.length));

    byte[] afterMultiByte = concat("é東".getBytes(UTF_8), bytes(0x80)); // 2 + 3 bytes, then a bad one
    assertEquals(5, Text.firstInvalid(afterMultiByte, 0, afterMultiByte.length));

    byte[] truncated = concat("ab".getBytes(UTF_8), bytes(0xe6, 0x9d));
    assertEquals(2, Text.firstInvalid(truncated, 0, truncated.length));
  }

  @Test
  void firstInvalidIsRelativeToTheRange() {
    byte[] buf = concat("prefix".getBytes(UTF_8), "ok".getBytes(UTF_8), bytes(0xc0, 0xaf), "z".getBytes(UTF_8));
    assertEquals(2, Text.firstInvalid(buf, 6, buf.length - 6));
  }

  @Test
  void firstInvalidOfValidTextIsMinusOne() {
    byte[] buf = "plain and ü東😀".getBytes(UTF_8);
    assertEquals(-1, Text.firstInvalid(buf, 0, buf.length));
    assertEquals(-1, Text.firstInvalid(buf, 0, 0));
  }

  @Test
  void excerptEscapesControlCharacters() {
    byte[] buf = bytes('a', 0x09, 'b', 0x00, 'c', 0x7f, 0x1b, 'd');
    assertEquals("a\\u0009b\\u0000c\\u007f\\u001bd", Text.excerpt(buf, 0, buf.length, 100));
  }

  @Test
  void excerptKeepsPrintableTextIncludingNonAscii() {
    String s = "{\"name\":\"José 東京\"}";
    byte[] buf = s.getBytes(UTF_8);
    assertEquals(s, Text.excerpt(buf, 0, buf.length, 1000));
  }

  @Test
  void excerptIsLimitedToMaxBytes() {
    byte[] buf = "0123456789abcdefghij".getBytes(UTF_8);
    assertEquals("0123456789", Text.excerpt(buf, 0, buf.length, 10));
    assertEquals("3456", Text.excerpt(buf, 3, 4, 10), "a range shorter than max is kept whole");
    assertEquals("", Text.excerpt(buf, 0, 0, 10));
  }

  @Test
  void excerptReplacesInvalidBytes() {
    byte[] buf = concat("ab".getBytes(UTF_8), bytes(0xff), "c".getBytes(UTF_8));
    assertEquals("ab\uFFFDc", Text.excerpt(buf, 0, buf.length, 100));
  }

  @Test
  void excerptCutInsideAMultiByteCharacterDoesNotFail() {
    byte[] buf = "ab東".getBytes(UTF_8); // 2 + 3 bytes
    String e = Text.excerpt(buf, 0, buf.length, 3);
    assertEquals("ab\uFFFD", e);
  }
}
