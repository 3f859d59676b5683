package org.carelake.ingestion.fhir;

/**
 * What the lines of an input file are: resources, bulk-export deletion Bundles, or the OperationOutcomes of a
 * manifest's error[] (resources too, but an outcome without an id is kept under its content hash: servers rarely give
 * them one, and quarantining them would cut their diagnostics to an excerpt).
 */
public enum InputRole {
  RESOURCES, DELETIONS, ERRORS
}
