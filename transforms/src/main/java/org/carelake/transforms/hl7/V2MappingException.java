package org.carelake.transforms.hl7;

/** A message the converter could not map (a defect of the converter, not of the message): quarantine it. */
public final class V2MappingException extends RuntimeException {
  public V2MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
