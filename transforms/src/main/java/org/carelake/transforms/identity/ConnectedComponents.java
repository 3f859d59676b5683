package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Checkpoints;

/**
 * Connected components of an undirected graph; the label of a component is its smallest node. A graph of up to
 * {@value #DEFAULT_MAX_LOCAL_EDGES} distinct edges (setting {@value #MAX_LOCAL_EDGES}) is solved on the driver by
 * union-find: identity links are few next to the records (thousands for hundreds of thousands of records), and one
 * collect beats rounds of shuffles, each several Spark jobs. A larger graph runs on the cluster with DataFrames:
 * every node starts labelled with the smallest of itself and its neighbours, then each round takes the smallest
 * label among its neighbours and jumps to its label's label (pointer jumping, which turns a long chain's n rounds
 * into about log n). The labels are checkpointed every round, so the plan stays one round long.
 */
public final class ConnectedComponents {
  public static final String MAX_LOCAL_EDGES = IdentityOptions.CONF_PREFIX + "localComponentsMaxEdges";
  static final long DEFAULT_MAX_LOCAL_EDGES = 250_000;
  private static final int MAX_ROUNDS = 100;
  private static final StructType LABELS = new StructType().add("node", DataTypes.StringType, false)
      .add("component", DataTypes.StringType, false);

  private ConnectedComponents() {}

  /** edges: (a, b) string nodes; returns (node, component) for every node on an edge. */
  public static Dataset<Row> of(Dataset<Row> edges, PrintStream log) {
    return of(edges, log, Long.parseLong(edges.sparkSession().conf().get(MAX_LOCAL_EDGES,
        String.valueOf(DEFAULT_MAX_LOCAL_EDGES))));
  }

  static Dataset<Row> of(Dataset<Row> edges, PrintStream log, long maxLocalEdges) {
    Dataset<Row> pairs = Checkpoints.cut(edges.select(least(col("a"), col("b")).as("src"),
        greatest(col("a"), col("b")).as("dst")).where(col("src").notEqual(col("dst"))).distinct());
    List<Row> few = pairs.limit((int) Math.min(Integer.MAX_VALUE - 1, maxLocalEdges + 1)).collectAsList();
    if (few.size() <= maxLocalEdges) {
      log.printf("  identity: connected components of %,d links on the driver%n", few.size());
      return onDriver(edges.sparkSession(), few);
    }
    return distributed(pairs.union(pairs.select(col("dst").as("src"), col("src").as("dst"))), log);
  }

  private static Dataset<Row> onDriver(SparkSession spark, List<Row> pairs) {
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[][] ends = new int[pairs.size()][];
    for (int i = 0; i < pairs.size(); i++) {
      ends[i] = new int[] {id(pairs.get(i).getString(0), index, names), id(pairs.get(i).getString(1), index, names)};
    }
    int[] parent = new int[names.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int[] e : ends) {
      int ra = root(parent, e[0]);
      int rb = root(parent, e[1]);
      // The root is the smallest name, so the root is the component's label.
      if (ra != rb) {
        if (names.get(ra).compareTo(names.get(rb)) < 0) {
          parent[rb] = ra;
        } else {
          parent[ra] = rb;
        }
      }
    }
    List<Row> rows = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      rows.add(RowFactory.create(names.get(i), names.get(root(parent, i))));
    }
    return spark.createDataFrame(rows, LABELS);
  }

  private static int id(String name, Map<String, Integer> index, List<String> names) {
    return index.computeIfAbsent(name, n -> {
      names.add(n);
      return names.size() - 1;
    });
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static Dataset<Row> distributed(Dataset<Row> e, PrintStream log) {
    e = Checkpoints.cut(e);
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
