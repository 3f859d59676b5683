package org.carelake.ingestion.fhir;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * What every row of one ingest batch shares.
 *
 * @param transactionTime the export's transactionTime, used as the time of deletions that carry none
 */
record BatchContext(String batchId, String source, Timestamp ingestedAt, String transactionTime, int maxLineBytes)
    implements Serializable {}
