package org.carelake.transforms.terminology.server;

/**
 * The terminology server could not answer: an error status (the message names the operation, the URL path and the
 * server's OperationOutcome text), retries used up, or a response that is not the FHIR JSON expected. Messages never
 * carry the bearer token.
 */
public final class TerminologyServerException extends RuntimeException {
  private final int status;

  TerminologyServerException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The last HTTP status received, or 0 when there was none (connection failures, interruption). */
  public int status() {
    return status;
  }
}
