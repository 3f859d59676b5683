package org.carelake.ingestion.fhir;

import java.io.Serializable;

/**
 * A run of whole lines of one file: bytes {@code [start, end)} of the stored file (a gzip file is one chunk), the
 * first of them being line {@code firstLine} (1-based).
 */
public record Chunk(int index, InputFile file, long start, long end, long firstLine, long lines)
    implements Serializable {
  public long length() {
    return end - start;
  }
}
