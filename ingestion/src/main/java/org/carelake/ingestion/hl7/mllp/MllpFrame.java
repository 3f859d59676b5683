package org.carelake.ingestion.hl7.mllp;

import java.nio.charset.StandardCharsets;

/**
 * One received MLLP frame. {@code bytes} holds the frame as it goes to the landing file: the start block, the payload
 * from index 1, the end block and CR. A frame over the size limit keeps only the payload that fit ({@link #tooLong}).
 *
 * @param bytes the frame (start block, payload, and end block plus CR unless too long)
 * @param payloadLength payload bytes held in {@code bytes} from index 1
 * @param receivedBytes payload bytes received (more than held when too long)
 * @param tooLong the payload was over the limit: it is answered but not landed
 */
public record MllpFrame(byte[] bytes, int payloadLength, long receivedBytes, boolean tooLong) {
  /** Length of the whole frame as landed: start block + payload + end block + CR. */
  public int frameLength() {
    return payloadLength + 3;
  }

  /** The payload as text (UTF-8), for clients and tests. */
  public String text() {
    return new String(bytes, 1, payloadLength, StandardCharsets.UTF_8);
  }
}
