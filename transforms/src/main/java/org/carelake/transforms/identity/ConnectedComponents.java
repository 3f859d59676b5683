package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.io.PrintStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Checkpoints;

/**
 * Connected components of an undirected graph with DataFrames: every node starts labelled with the smallest of
 * itself and its neighbours, then each round takes the smallest label among its neighbours and jumps to its
 * label's label (pointer jumping, which turns a long chain's n rounds into about log n). The labels are
 * checkpointed every round, so the plan stays one round long. The label of a component is its smallest node.
 */
public final class ConnectedComponents {
  private static final int MAX_ROUNDS = 100;

  private ConnectedComponents() {}

  /** edges: (a, b) string nodes; returns (node, component) for every node on an edge. */
  public static Dataset<Row> of(Dataset<Row> edges, PrintStream log) {
    Dataset<Row> e = Checkpoints.cut(edges.select(col("a").as("src"), col("b").as("dst"))
        .union(edges.select(col("b").as("src"), col("a").as("dst")))
        .where(col("src").notEqual(col("dst"))).distinct());
    Dataset<Row> labels = Checkpoints.cut(e.groupBy("src").agg(min(least(col("src"), col("dst"))).as("label"))
        .withColumnRenamed("src", "node"));
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Dataset<Row> fromNeighbours = e.join(labels.withColumnRenamed("node", "dst"), "dst")
          .groupBy("src").agg(min("label").as("nl")).withColumnRenamed("src", "node");
      Dataset<Row> next = labels.join(fromNeighbours, "node")
          .select(col("node"), least(col("label"), col("nl")).as("label"));
      Dataset<Row> jump = next.select(col("node").as("j_node"), col("label").as("j_label"));
      next = Checkpoints.cut(next.join(jump, col("label").equalTo(col("j_node")), "left")
          .select(col("node"), coalesce(least(col("label"), col("j_label")), col("label")).as("label")));
      long changed = next.join(labels.withColumnRenamed("label", "old"), "node")
          .where(col("label").notEqual(col("old"))).count();
      labels = next;
      if (changed == 0) {
        log.printf("  identity: connected components in %d round%s%n", round, round == 1 ? "" : "s");
        return labels.withColumnRenamed("label", "component");
      }
    }
    throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
  }
}
