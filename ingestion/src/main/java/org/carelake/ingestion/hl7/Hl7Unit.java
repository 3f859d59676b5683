package org.carelake.ingestion.hl7;

/**
 * One unit cut from an HL7 v2 input: an accepted message, or the bytes that go to quarantine and why.
 *
 * @param byteOffset offset of the unit's first byte in the file
 * @param length bytes from its first byte to the end of its last segment terminator
 * @param line 1-based line of its first segment (CR, LF and CRLF each end a line)
 * @param message the parsed message (its text verbatim, original terminators kept), null for a reject
 * @param normalForm the message's segments joined by CR, the bytes its content hash is computed over
 * @param reject why it was rejected, null for a message
 * @param detail the specific problem of a reject
 * @param excerpt the unit's text (whole for a message, the first 256 characters for a reject)
 */
public record Hl7Unit(long byteOffset, long length, long line, Hl7Message message, byte[] normalForm, Hl7Reject reject, String detail,
    String excerpt) {
  public boolean accepted() {
    return message != null;
  }
}
