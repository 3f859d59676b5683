package org.carelake.ingestion.fhir.export;

/**
 * One file of a manifest and how far its download got.
 *
 * @param role output, deleted or error (the manifest array it came from)
 * @param name its path under the job's {@code files/} folder
 * @param count the resource count the manifest gave, or null
 * @param size bytes, once downloaded
 * @param sha256 hex SHA-256 of the bytes, once downloaded
 */
public record ExportFile(String role, String type, String url, String name, Long count, Long size, String sha256,
    boolean done) {
  public static final String OUTPUT = "output";
  public static final String DELETED = "deleted";
  public static final String ERROR = "error";

  public ExportFile finished(long bytes, String digest) {
    return new ExportFile(role, type, url, name, count, bytes, digest, true);
  }
}
