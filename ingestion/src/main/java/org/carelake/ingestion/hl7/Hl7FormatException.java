package org.carelake.ingestion.hl7;

/** A message that cannot be accepted as HL7 v2, with the quarantine reason it goes under. */
public final class Hl7FormatException extends RuntimeException {
  private final Hl7Reject reason;

  public Hl7FormatException(Hl7Reject reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public Hl7Reject reason() {
    return reason;
  }
}
