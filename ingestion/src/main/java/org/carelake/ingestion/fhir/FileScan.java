package org.carelake.ingestion.fhir;

import java.io.Serializable;
import java.util.List;

/**
 * The fingerprint of an input file and how it is cut into chunks of whole lines.
 *
 * @param file the file
 * @param size bytes as stored
 * @param sha256 hex SHA-256 of the stored bytes
 * @param lines lines in the (decompressed) content, counting a last line without a newline
 * @param chunks the chunks, in order, that together cover every line exactly once
 * @param error why the file could not be read, or null
 */
public record FileScan(InputFile file, long size, String sha256, long lines, List<Chunk> chunks, String error)
    implements Serializable {}
