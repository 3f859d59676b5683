package org.carelake.ingestion.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlinesTest {
  @Test
  void agreesWithAByteLoopOnRandomInputAndRanges() {
    Random rnd = new Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] buf = new byte[rnd.nextInt(80)];
      for (int i = 0; i < buf.length; i++) {
        // mostly newlines' neighbours: 0x0A, 0x0B, 0x09, 0x8A, 0x00 and 0xFF stress the borrow logic
        byte[] alphabet = {'\n', 0x0B, 0x09, (byte) 0x8A, 0, (byte) 0xFF, 'a'};
        buf[i] = alphabet[rnd.nextInt(alphabet.length)];
      }
      int from = buf.length == 0 ? 0 : rnd.nextInt(buf.length + 1);
      int to = from + (buf.length - from == 0 ? 0 : rnd.nextInt(buf.length - from + 1));
      int expectedIndex = -1;
      int expectedCount = 0;
      for (int i = from; i < to; i++) {
        if (buf[i] == '\n') {
          expectedCount++;
          if (expectedIndex < 0) {
            expectedIndex = i;
          }
        }
      }
      assertEquals(expectedIndex, Newlines.indexOf(buf, from, to), "indexOf round " + round);
      assertEquals(expectedCount, Newlines.count(buf, from, to), "count round " + round);
    }
  }
}
