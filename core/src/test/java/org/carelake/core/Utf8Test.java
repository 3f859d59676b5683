package org.carelake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8#isValid} against the JDK's strict decoder, on the word-at-a-time path too; {@link Bytes#hex}. */
class Utf8Test {
  private static boolean jdkAccepts(byte[] b, int off, int len) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void agreesWithTheJdkOnMostlyAsciiRunsAtAnyOffset() {
    Random rnd = new Random(11);
    byte[] odd = {(byte) 0xC2, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xF0, (byte) 0x9F,
        (byte) 0x98, (byte) 0x80, (byte) 0xC0, (byte) 0xED, (byte) 0xA0, (byte) 0xF4, (byte) 0x90, (byte) 0xFF};
    int invalid = 0;
    for (int round = 0; round < 30000; round++) {
      byte[] b = new byte[rnd.nextInt(48)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextInt(12) == 0 ? odd[rnd.nextInt(odd.length)] : (byte) (0x20 + rnd.nextInt(0x5f));
      }
      int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
      int len = rnd.nextInt(b.length - off + 1);
      boolean expected = jdkAccepts(b, off, len);
      invalid += expected ? 0 : 1;
      assertEquals(expected, Utf8.isValid(b, off, len), () -> HexFormat.of().formatHex(b) + " @" + off + "+" + len);
    }
    assertTrue(invalid > 1000, "the sample must hold invalid inputs too: " + invalid);
  }

  @Test
  void aBadByteAfterALongAsciiRunIsFound() {
    byte[] b = "MSH|^~\\&|LAB|FACILITY|||20261101||ORU^R01|123|P|2.5.1".getBytes(StandardCharsets.US_ASCII);
    for (int at = 0; at < b.length; at++) {
      byte[] c = b.clone();
      c[at] = (byte) 0xE9; // Latin-1 e-acute: not UTF-8 on its own
      assertFalse(Utf8.isValid(c, 0, c.length), "byte " + at);
    }
    assertTrue(Utf8.isValid(b, 0, b.length));
  }

  @Test
  void hexIsLowerCaseTwoDigitsPerByte() {
    Random rnd = new Random(3);
    for (int round = 0; round < 200; round++) {
      byte[] b = new byte[rnd.nextInt(40)];
      rnd.nextBytes(b);
      assertEquals(HexFormat.of().formatHex(b), Bytes.hex(b));
      assertEquals(HexFormat.of().formatHex(b), new String(Bytes.hexAscii(b), java.nio.charset.StandardCharsets.US_ASCII));
    }
  }
}
