package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The comparison vector of every candidate pair: records sharing a blocking key ({@link BlockingKeys}), each pair
 * once however many keys it shares, as (a, b) with a &lt; b.
 *
 * <p>Pairs are compared inside their block: the records are shuffled to their blocks once (one copy per key) and
 * each block decodes its records once and compares all its pairs where they are. A pair sharing several keys is
 * compared only in the block of the smallest key they share, which each record's own key list tells locally. The
 * earlier plan (pairs, distinct, then a join for each side's record) shuffled every pair three times and decoded
 * two records per pair; at a million records that was hours.
 *
 * <p>A block above the size cap is skipped and logged: one such block (a placeholder birth date, a shared clinic
 * phone) would give more pairs than all the others, and the other keys still pair its real matches.
 */
public final class PairComparisons {
  public static final StructType SCHEMA = new StructType()
      .add("a", DataTypes.StringType, false)
      .add("b", DataTypes.StringType, false)
      .add("levels", DataTypes.createArrayType(DataTypes.IntegerType, false));

  private PairComparisons() {}

  /** records: {@link SourceRecords#SCHEMA}; returns {@link #SCHEMA}. */
  public static Dataset<Row> of(Dataset<Row> records, ComparisonSet comparisons, int maxBlock, PrintStream log) {
    Dataset<Row> keyed = records.select(col("rec_key"), col("record"), col("block_keys"),
        explode(col("block_keys")).as("block"));
    List<Row> big = keyed.groupBy("block").count().where(col("count").gt(maxBlock)).collectAsList();
    Set<String> skipped = new HashSet<>();
    big.forEach(r -> skipped.add(r.getString(0)));
    if (!big.isEmpty()) {
      List<Row> largest = new ArrayList<>(big);
      largest.sort(Comparator.comparingLong((Row r) -> r.getLong(1)).reversed());
      log.printf("  identity: %,d blocks above %,d records skipped, largest %s%n", big.size(), maxBlock,
          largest.subList(0, Math.min(5, largest.size())).stream()
              .map(r -> r.getString(0) + " (" + r.getLong(1) + ")").toList());
      keyed = keyed.join(broadcast(keyed.sparkSession().createDataset(List.copyOf(skipped), Encoders.STRING())
          .toDF("block")), new String[] {"block"}, "left_anti").select("rec_key", "record", "block_keys", "block");
    }
    return keyed.repartition(col("block")).sortWithinPartitions("block")
        .mapPartitions(new CompareBlocks(comparisons, skipped), Encoders.row(SCHEMA));
  }

  /** One record of the block being compared. */
  private record Member(String key, PersonRecord record, List<String> keys) {}

  /** Walks rows sorted by block; for each block, yields the pairs it owns with their levels. */
  private static final class CompareBlocks implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ComparisonSet comparisons;
    private final Set<String> skipped;

    CompareBlocks(ComparisonSet comparisons, Set<String> skipped) {
      this.comparisons = comparisons;
      this.skipped = skipped;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private final List<Member> block = new ArrayList<>();
        private String blockKey;
        private Row lookahead = rows.hasNext() ? rows.next() : null;
        private int i;
        private int j;
        private Row next = advance();

        /** Fills {@link #block} with the next block's members; false when the input is done. */
        private boolean nextBlock() {
          block.clear();
          if (lookahead == null) {
            return false;
          }
          blockKey = lookahead.getString(3);
          while (lookahead != null && lookahead.getString(3).equals(blockKey)) {
            block.add(new Member(lookahead.getString(0), SourceRecords.fromBytes((byte[]) lookahead.get(1)),
                lookahead.getList(2)));
            lookahead = rows.hasNext() ? rows.next() : null;
          }
          i = 0;
          j = 1;
          return true;
        }

        private Row advance() {
          while (true) {
            if (i >= block.size() - 1) {
              if (!nextBlock()) {
                return null;
              }
              continue;
            }
            Member x = block.get(i);
            Member y = block.get(j);
            if (++j == block.size()) {
              i++;
              j = i + 1;
            }
            int order = x.key().compareTo(y.key());
            if (order == 0 || !blockKey.equals(firstSharedKey(x.keys(), y.keys()))) {
              continue;
            }
            Member a = order < 0 ? x : y;
            Member b = order < 0 ? y : x;
            int[] levels = comparisons.levels(a.record(), b.record());
            List<Integer> boxed = new ArrayList<>(levels.length);
            for (int l : levels) {
              boxed.add(l);
            }
            return RowFactory.create(a.key(), b.key(), SourceRecords.seq(boxed));
          }
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Row next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          Row out = next;
          next = advance();
          return out;
        }
      };
    }

    /** The smallest blocking key both records have that is not skipped: the block that compares them. */
    private String firstSharedKey(List<String> x, List<String> y) {
      String first = null;
      for (String k : x) {
        if ((first == null || k.compareTo(first) < 0) && !skipped.contains(k) && y.contains(k)) {
          first = k;
        }
      }
      return first;
    }
  }
}
