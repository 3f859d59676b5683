package org.carelake.ingestion.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Text#isValidUtf8} must agree with the JDK's strict decoder on every input. */
class Utf8ValidationTest {
  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void agreesWithTheJdkOnRandomBytes() {
    Random rnd = new Random(7);
    byte[] interesting = {0x41, (byte) 0xC2, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xF0,
        (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xC0, (byte) 0xED, (byte) 0xA0, (byte) 0xF4, (byte) 0x90,
        (byte) 0xFF, (byte) 0xE0, (byte) 0x80};
    for (int round = 0; round < 20000; round++) {
      byte[] b = new byte[rnd.nextInt(8)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : (byte) rnd.nextInt(256);
      }
      assertEquals(jdkAccepts(b), Text.isValidUtf8(b, 0, b.length), () -> java.util.HexFormat.of().formatHex(b));
    }
  }

  @Test
  void knownCases() {
    byte[] mixed = "caf\u00e9 \u20ac \ud83d\ude00".getBytes(StandardCharsets.UTF_8);
    assertTrue(Text.isValidUtf8(mixed, 0, mixed.length));
    assertFalse(Text.isValidUtf8(mixed, 0, mixed.length - 1)); // the emoji cut short
    assertFalse(Text.isValidUtf8(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)); // overlong NUL
    assertFalse(Text.isValidUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)); // surrogate
    assertFalse(Text.isValidUtf8(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4)); // > U+10FFFF
    assertFalse(Text.isValidUtf8(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3)); // truncated at the end
    assertTrue(Text.isValidUtf8(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 1)); // range excludes it
  }
}
