package org.carelake.transforms.fhirpath;

/** A FHIRPath expression that does not parse, does not type-check, or fails while evaluating. */
public final class FhirPathException extends RuntimeException {
  public FhirPathException(String message) {
    super(message);
  }
}
