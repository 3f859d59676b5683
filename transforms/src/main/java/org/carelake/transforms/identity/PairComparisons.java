package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The comparison vector of every candidate pair, computed on the executors. */
public final class PairComparisons {
  public static final StructType SCHEMA = new StructType()
      .add("a", DataTypes.StringType, false)
      .add("b", DataTypes.StringType, false)
      .add("levels", DataTypes.createArrayType(DataTypes.IntegerType, false));

  private PairComparisons() {}

  /** pairs: (a, b); records: {@link SourceRecords#SCHEMA}; returns (a, b, levels). */
  public static Dataset<Row> of(Dataset<Row> pairs, Dataset<Row> records, ComparisonSet comparisons) {
    Dataset<Row> recs = records.select("rec_key", "record");
    Dataset<Row> joined = pairs
        .join(recs.withColumnRenamed("rec_key", "a").withColumnRenamed("record", "ra"), "a")
        .join(recs.withColumnRenamed("rec_key", "b").withColumnRenamed("record", "rb"), "b")
        .select(col("a"), col("b"), col("ra"), col("rb"));
    return joined.mapPartitions(new Compare(comparisons), Encoders.row(SCHEMA));
  }

  private static final class Compare implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ComparisonSet comparisons;

    Compare(ComparisonSet comparisons) {
      this.comparisons = comparisons;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          int[] levels = comparisons.levels(SourceRecords.fromBytes((byte[]) r.get(2)),
              SourceRecords.fromBytes((byte[]) r.get(3)));
          List<Integer> boxed = new ArrayList<>(levels.length);
          for (int l : levels) {
            boxed.add(l);
          }
          return RowFactory.create(r.getString(0), r.getString(1), SourceRecords.seq(boxed));
        }
      };
    }
  }
}
