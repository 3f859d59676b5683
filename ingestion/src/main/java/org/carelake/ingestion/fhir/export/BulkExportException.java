package org.carelake.ingestion.fhir.export;

/** A bulk export that the server refused or that could not be completed; the message names server, URL and why. */
public class BulkExportException extends RuntimeException {
  private final int status;

  public BulkExportException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public BulkExportException(String message) {
    this(message, 0, null);
  }

  /** The HTTP status that decided it, or 0 when none did (I/O failure, local problem). */
  public int status() {
    return status;
  }
}
