package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Candidate pairs by blocking: records sharing a blocking key ({@link BlockingKeys}), each pair once whichever and
 * however many keys it shares, as (a, b) with a &lt; b. A block above the size cap is skipped and logged: one
 * such block (a placeholder birth date, a shared clinic phone) would give more pairs than all the others, and the
 * other keys still pair its real matches.
 */
public final class CandidatePairs {
  private CandidatePairs() {}

  /** records: {@link SourceRecords#SCHEMA}; returns (a, b). */
  public static Dataset<Row> of(Dataset<Row> records, int maxBlock, PrintStream log) {
    Dataset<Row> keys = records.select(col("rec_key"), explode(col("block_keys")).as("block"));
    Dataset<Row> big = keys.groupBy("block").count().where(col("count").gt(maxBlock)).cache();
    List<Row> skipped = big.orderBy(col("count").desc()).limit(5).collectAsList();
    long bigCount = big.count();
    if (bigCount > 0) {
      log.printf("  identity: %,d blocks above %,d records skipped, largest %s%n", bigCount, maxBlock,
          skipped.stream().map(r -> r.getString(0) + " (" + r.getLong(1) + ")").toList());
    }
    Dataset<Row> kept = keys.join(org.apache.spark.sql.functions.broadcast(big.select("block")),
        new String[] {"block"}, "left_anti");
    Dataset<Row> l = kept.as("l");
    Dataset<Row> r = kept.as("r");
    return l.join(r, col("l.block").equalTo(col("r.block")).and(col("l.rec_key").lt(col("r.rec_key"))))
        .select(col("l.rec_key").as("a"), col("r.rec_key").as("b"))
        .distinct();
  }
}
