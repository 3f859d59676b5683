package org.carelake.orchestration.airflow;

/** Airflow could not be reached or answered with an error; the message says what, from where, and never a secret. */
public final class AirflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public AirflowException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
