package org.carelake.ingestion.hl7.mllp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Encoding;
import org.carelake.ingestion.hl7.mllp.MllpVerdict.Outcome;
import org.junit.jupiter.api.Test;

class MllpAckTest {
  private static MllpVerdict verdict(String message) {
    byte[] payload = message.getBytes(StandardCharsets.ISO_8859_1);
    byte[] f = new byte[payload.length + 3];
    f[0] = 0x0B;
    System.arraycopy(payload, 0, f, 1, payload.length);
    f[f.length - 2] = 0x1C;
    f[f.length - 1] = 0x0D;
    return MllpVerdict.of(new MllpFrame(f, payload.length, payload.length, false), 1 << 20);
  }

  @Test
  void versionsCompareByNumbers() {
    assertArrayEquals(new int[] {2, 5, 1}, MllpAck.version("2.5.1"));
    assertArrayEquals(new int[] {2, 3, 0}, MllpAck.version("2.3"));
    assertArrayEquals(new int[] {2, 9, 0}, MllpAck.version(null));
    assertArrayEquals(new int[] {2, 9, 0}, MllpAck.version("junk"));
  }

  @Test
  void acceptAckTypeDecidesWhetherToAnswer() {
    assertTrue(MllpAck.wanted("AL", Outcome.ACCEPT));
    assertTrue(MllpAck.wanted(null, Outcome.REJECT));
    assertFalse(MllpAck.wanted("NE", Outcome.REJECT));
    assertFalse(MllpAck.wanted("ER", Outcome.ACCEPT));
    assertTrue(MllpAck.wanted("ER", Outcome.ERROR));
    assertTrue(MllpAck.wanted("SU", Outcome.ACCEPT));
    assertFalse(MllpAck.wanted("SU", Outcome.REJECT));
    assertEquals("CE", MllpAck.code(Outcome.ERROR, true));
    assertEquals("AR", MllpAck.code(Outcome.REJECT, false));
  }

  @Test
  void problemTextIsEscapedForTheMessagesDelimiters() {
    assertEquals("a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\ f", MllpAck.escape("a|b^c&d~e\\\rf", Hl7Encoding.DEFAULT));
  }

  @Test
  void olderVersionsGetAnAckWithoutMessageStructure() {
    String ack = new MllpAck().text(verdict("MSH|^~\\&|A|B|C|D|2026||ADT^A04|X1|T|2.3\rPID|1\r"), Instant.EPOCH);
    assertTrue(ack.contains("|ACK^A04|"), ack);
    assertTrue(ack.contains("|T|2.3\rMSA|AA|X1\r"), ack);
  }

  @Test
  void charsetIsEchoedAndLatin1MessagesGetALatin1Ack() {
    MllpVerdict v = verdict("MSH|^~\\&|H\u00d4PITAL|B|C|D|2026||ADT^A01|X2|P|2.5||||||8859/1\rPID|1||||M\u00dcLLER\r");
    assertEquals(Outcome.ACCEPT, v.outcome());
    assertEquals(StandardCharsets.ISO_8859_1, v.charset());
    String ack = new MllpAck().text(v, Instant.EPOCH);
    assertTrue(ack.contains("|C|D|H\u00d4PITAL|B|"), ack);
    assertTrue(ack.contains("|2.5||||||8859/1\r"), ack);
  }

  @Test
  void anEmptyFrameIsRejected() {
    MllpVerdict v = verdict("\r\n");
    assertEquals(Outcome.REJECT, v.outcome());
    String ack = new MllpAck().text(v, Instant.EPOCH);
    assertTrue(ack.contains("\rMSA|AR|\r"), ack);
  }

  @Test
  void theFastPathAgreesWithTheSplitter() {
    String oru = MllpFixtures.oru("F1");
    String msh = "MSH|^~\\&|A|B|C|D|2026||ADT^A01|F2|P|2.5";
    List<String> common = List.of(oru, msh, msh + "\rPID|1\r\r\n  \r", msh + "\nPID|1\nPV1|1\n",
        msh + "\r\nPID|1||\u00e9t\u00e9\r", msh + "\rMS\r", msh + "\rZMS|1\r");
    List<String> unusual = List.of(" " + msh, "\r" + msh, "\uFEFF" + msh, msh + "\r MSH|^~\\&|X|Y\r", msh + "\rBHS|x\r",
        msh + "\r\tFTS|1", msh + "\rBTS\r", oru + oru, "MSH|^~\\&|A|B|C|D|2026|||F3|P|2.5\r", "MSHX|^~\\&|A\r",
        "MSH|^^\\&|A\r", "PID|1\r" + msh);
    for (String m : common) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      MllpVerdict fast = MllpVerdict.plainMessage(b, 0, b.length, 1 << 20, StandardCharsets.UTF_8);
      assertNotNull(fast, m);
      MllpVerdict slow = MllpVerdict.bySplitter(b, 0, b.length, 1 << 20, StandardCharsets.UTF_8);
      assertEquals(Outcome.ACCEPT, slow.outcome(), m);
      assertEquals(slow.msh().raw(10), fast.msh().raw(10));
    }
    for (String m : unusual) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      assertEquals(null, MllpVerdict.plainMessage(b, 0, b.length, 1 << 20, StandardCharsets.UTF_8), m);
    }
    byte[] latin = (msh + "\rPID|1||\u00e9t\u00e9\r").getBytes(StandardCharsets.ISO_8859_1);
    Charset cs = StandardCharsets.ISO_8859_1;
    assertEquals(null, MllpVerdict.plainMessage(latin, 0, latin.length, 1 << 20, cs), "Latin-1 goes the long way");
  }
}
