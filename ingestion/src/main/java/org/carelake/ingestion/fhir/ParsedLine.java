package org.carelake.ingestion.fhir;

import org.carelake.ingestion.QuarantineReason;

/**
 * The outcome of reading one line: accepted (the header fields of a resource), blank, or rejected with a reason.
 * Mutable and reused per task: the reader parses millions of lines.
 */
final class ParsedLine {
  enum Outcome { ACCEPTED, BLANK, REJECTED }

  Outcome outcome;
  String resourceType;
  String id;
  String versionId;
  String lastUpdated;
  String patientId;
  /** The reference that names the resource's patient, when it has one. */
  String patientReference;
  QuarantineReason reason;
  String detail;

  void reset() {
    outcome = null;
    resourceType = null;
    id = null;
    versionId = null;
    lastUpdated = null;
    patientId = null;
    patientReference = null;
    reason = null;
    detail = null;
  }

  ParsedLine reject(QuarantineReason r, String why) {
    outcome = Outcome.REJECTED;
    reason = r;
    detail = why;
    return this;
  }
}
