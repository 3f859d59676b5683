package org.carelake.ingestion;

/** Why an input unit was not accepted; the codes are stored in {@code quarantine.input.reason}. */
public enum QuarantineReason {
  MALFORMED_JSON("malformed_json"),
  INVALID_UTF8("invalid_utf8"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_RESOURCE_TYPE("missing_resource_type"),
  MISSING_ID("missing_id"),
  LINE_TOO_LONG("line_too_long"),
  TRAILING_CONTENT("trailing_content"),
  INVALID_DELETION("invalid_deletion"),
  UNREADABLE_FILE("unreadable_file");

  private final String code;

  QuarantineReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
