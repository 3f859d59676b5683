package org.carelake.ingestion.fhir;

import java.io.Serializable;

/**
 * One NDJSON file of a bulk export.
 *
 * @param uri the file as a Hadoop filesystem URI
 * @param declaredType the resource type the export declares for it (manifest {@code type} or file name), or null
 * @param role resources or deletions
 */
public record InputFile(String uri, String declaredType, InputRole role) implements Serializable {
  public boolean gzipped() {
    return uri.endsWith(".gz");
  }
}
