package org.carelake.ingestion.hl7;

/** Why an HL7 v2 input unit was quarantined; the codes are stored in {@code quarantine.input.reason}. */
public enum Hl7Reject {
  /** Segments that arrive before any MSH (python-hl7: "Segment received before message header"). */
  NO_MESSAGE_HEADER("no_message_header"),
  /** A message cut by a broken FHS/BHS envelope (a second BHS in an open batch, a second FHS in a file). */
  BAD_ENVELOPE("bad_envelope"),
  /** MSH-1/MSH-2 missing, ambiguous or letters. */
  BAD_SEPARATORS("bad_separators"),
  /** MSH-9 has no message code: the message cannot be routed. */
  MISSING_MESSAGE_TYPE("missing_message_type"),
  /** An MLLP frame that starts but never ends (a torn capture or a connection cut mid-message). */
  INCOMPLETE_FRAME("incomplete_frame"),
  /** A message larger than the configured limit. */
  MESSAGE_TOO_LONG("message_too_long"),
  /** Bytes that are neither UTF-8 nor the message's declared character set. */
  INVALID_ENCODING("invalid_encoding"),
  UNREADABLE_FILE("unreadable_file");

  private final String code;

  Hl7Reject(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
