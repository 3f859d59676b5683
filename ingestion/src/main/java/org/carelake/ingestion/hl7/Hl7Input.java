package org.carelake.ingestion.hl7;

import java.io.Serializable;

/**
 * One HL7 v2 input file.
 *
 * @param uri the file as a Hadoop filesystem URI
 * @param receivedAtMillis when Carelake received its bytes: the landing time for MLLP landing files, else the
 *     file's modification time
 */
public record Hl7Input(String uri, long receivedAtMillis) implements Serializable {
  public boolean gzipped() {
    return uri.endsWith(".gz");
  }
}
