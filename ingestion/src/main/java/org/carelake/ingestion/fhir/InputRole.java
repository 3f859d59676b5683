package org.carelake.ingestion.fhir;

/** What the lines of an input file are: resources, or bulk-export deletion Bundles. */
public enum InputRole {
  RESOURCES, DELETIONS
}
