package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Identifiers shared by more records than one person plausibly has (999-99-9999, one MRN a test system stamps on
 * every patient) are placeholders: they are taken out of the records before blocking and scoring, so they neither
 * link deterministically nor weigh as an agreeing identifier (+20 bits) in a pair's score. In the eCQM test
 * patients one MRN is on 164 records, and it made namesakes born the same day score as one person.
 */
public final class PlaceholderIdentifiers {
  private PlaceholderIdentifiers() {}

  /** records: {@link SourceRecords#SCHEMA}; returns the same rows with placeholder identifiers removed. */
  public static Dataset<Row> strip(Dataset<Row> records, int maxGroup, PrintStream log) {
    List<String> keys = records.select(explode(col("id_keys")).as("k")).groupBy("k").count()
        .where(col("count").gt(maxGroup)).select("k").as(Encoders.STRING()).collectAsList();
    if (keys.isEmpty()) {
      return records;
    }
    log.printf("  identity: %,d identifiers on more than %d records taken for placeholders: %s%n", keys.size(),
        maxGroup, keys.subList(0, Math.min(3, keys.size())));
    return records.map(new Strip(new HashSet<>(keys)), Encoders.row(SourceRecords.SCHEMA));
  }

  private static final class Strip implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Set<String> placeholders;

    Strip(Set<String> placeholders) {
      this.placeholders = placeholders;
    }

    @Override
    public Row call(Row row) {
      Set<String> kinds = new HashSet<>();
      for (String k : row.<String>getList(5)) {
        if (placeholders.contains(k)) {
          kinds.add(IdentifierKeys.rule(k));
        }
      }
      return kinds.isEmpty() ? row
          : SourceRecords.row(SourceRecords.fromBytes((byte[]) row.get(3)).withoutIdentifiers(kinds));
    }
  }
}
