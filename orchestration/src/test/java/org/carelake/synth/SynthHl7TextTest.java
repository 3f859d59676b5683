package org.carelake.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Segment;
import org.junit.jupiter.api.Test;

/** Text values survive the trip through an HL7 v2 field: every delimiter escaped, read back as sent. */
class SynthHl7TextTest {
  @Test
  void delimitersAreEscapedAndReadBack() {
    String nasty = "Smith|Jones^Jr & Co ~ back\\slash";
    assertEquals("Smith\\F\\Jones\\S\\Jr \\T\\ Co \\R\\ back\\E\\slash", Hl7Text.escape(nasty));
    Segment pid = Segment.of("PID").field(1, "1").field(5, nasty, "Ann");
    Segment msh = Segment.of("MSH").encoded(2, "^~\\&").field(9, "ADT", "A08").field(10, "1").field(12, "2.5.1");
    Hl7Message m = Hl7Message.parse(msh.encode() + "\r" + pid.encode() + "\r");
    Hl7Segment parsed = m.first("PID");
    assertEquals(nasty, parsed.get(5, 1));
    assertEquals("Ann", parsed.get(5, 2));
    assertEquals("ADT", m.header().messageType());
  }

  @Test
  void lineBreaksCannotEndASegment() {
    assertEquals("take 1  with food", Hl7Text.escape("take 1\r\nwith food"));
    assertEquals("a b", Hl7Text.escape("a\u000Bb"));
  }

  @Test
  void compositesDropTrailingEmptyComponents() {
    assertEquals("L1234567^^^LABMRN^MR", V2Types.cx("L1234567", "LABMRN", "MR"));
    assertEquals("a^^c", Hl7Text.composite("a", null, "c", "", null));
    assertEquals("PID|1||x", Segment.of("PID").field(1, "1").field(3, "x").field(9, "").encode());
  }

  @Test
  void labValuesKeepFourSignificantDigits() {
    assertEquals("5.846", LabFeed.reported(new java.math.BigDecimal("5.8459")).toPlainString());
    assertEquals("1.018", LabFeed.reported(new java.math.BigDecimal("1.0180")).toPlainString());
    assertEquals("12346", LabFeed.reported(new java.math.BigDecimal("12345.6")).toPlainString());
    assertEquals("110", LabFeed.reported(new java.math.BigDecimal("110.00")).toPlainString());
  }

  @Test
  void sharesPickExactCounts() {
    SeededHash h = new SeededHash(1);
    java.util.List<String> keys = java.util.List.of("a", "b", "c", "d", "e", "f", "g");
    assertEquals(3, h.pick(keys, 0.3, "x").size());
    assertEquals(0, h.pick(keys, 0, "x").size());
    assertEquals(7, h.pick(keys, 1, "x").size());
    assertEquals(h.pick(keys, 0.5, "x"), new SeededHash(1).pick(java.util.List.of("g", "f", "e", "d", "c", "b", "a"),
        0.5, "x"));
  }
}
