package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pairwise precision, recall and F1 of a linkage against a truth: a pair of records is predicted linked when they
 * have one person_id, truly linked when they have one person_key. Counted from cluster sizes (a cluster of n
 * records holds n(n-1)/2 pairs), so no pair is ever listed. Records missing from either side are left out.
 */
public record LinkageEvaluation(long records, long predictedPairs, long truePairs, long truePositives) {

  public double precision() {
    return predictedPairs == 0 ? 1.0 : (double) truePositives / predictedPairs;
  }

  public double recall() {
    return truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * predicted: (source_system, source_patient_id, person_id); truth: (source_system, source_patient_id,
   * person_key).
   */
  public static LinkageEvaluation of(Dataset<Row> predicted, Dataset<Row> truth) {
    Dataset<Row> both = predicted.select("source_system", "source_patient_id", "person_id")
        .join(truth.select("source_system", "source_patient_id", "person_key"),
            new String[] {"source_system", "source_patient_id"})
        .cache();
    long records = both.count();
    long predictedPairs = pairs(both, "person_id");
    long truePairs = pairs(both, "person_key");
    long tp = pairs(both, "person_id", "person_key");
    both.unpersist();
    return new LinkageEvaluation(records, predictedPairs, truePairs, tp);
  }

  private static long pairs(Dataset<Row> rows, String... by) {
    org.apache.spark.sql.Column[] cols = java.util.Arrays.stream(by).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
    Row r = rows.groupBy(cols).agg(count("*").as("n"))
        .agg(sum(col("n").multiply(col("n").minus(1)).divide(2)).cast("long")).head();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  @Override
  public String toString() {
    return String.format("%,d records: precision %.4f, recall %.4f, F1 %.4f (%,d predicted pairs, %,d true, %,d "
        + "right)", records, precision(), recall(), f1(), predictedPairs, truePairs, truePositives);
  }
}
