package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Both ways of finding components (union-find on the driver, label propagation on the cluster) against a plain
 * breadth-first search: a long chain (many rounds without pointer jumping), a star, random sparse graphs,
 * duplicated and reversed edges, self loops.
 */
class ConnectedComponentsTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void driverAndClusterAgreeWithABreadthFirstSearch() {
    SparkSession spark = SharedSpark.session();
    List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // A chain whose labels run against its order: the smallest node is at the far end.
      edges.add(new String[] {"chain|" + (char) ('z' - i % 26) + i, "chain|" + (char) ('z' - (i + 1) % 26) + (i + 1)});
    }
    for (int i = 0; i < 15; i++) {
      edges.add(new String[] {"star|hub", "star|leaf" + i});
      edges.add(new String[] {"star|leaf" + i, "star|hub"});
    }
    edges.add(new String[] {"loop|x", "loop|x"});
    edges.add(new String[] {"pair|b", "pair|a"});
    edges.add(new String[] {"pair|a", "pair|b"});
    Random random = new Random(7);
    for (int i = 0; i < 120; i++) {
      edges.add(new String[] {"r|" + random.nextInt(150), "r|" + random.nextInt(150)});
    }
    Map<String, String> expected = breadthFirst(edges);
    List<Row> rows = new ArrayList<>();
    edges.forEach(e -> rows.add(RowFactory.create(e[0], e[1])));
    Dataset<Row> graph = spark.createDataFrame(rows, new StructType().add("a", DataTypes.StringType)
        .add("b", DataTypes.StringType));

    assertEquals(expected, labels(ConnectedComponents.of(graph, QUIET, 1_000_000)), "union-find on the driver");
    assertEquals(expected, labels(ConnectedComponents.of(graph, QUIET, 0)), "label propagation on the cluster");
    assertEquals(expected, labels(ConnectedComponents.of(graph, QUIET, 10)), "over the limit: the cluster");
  }

  private static Map<String, String> labels(Dataset<Row> components) {
    Map<String, String> out = new TreeMap<>();
    components.collectAsList().forEach(r -> out.put(r.getAs("node"), r.getAs("component")));
    return out;
  }

  /** node -> smallest node of its component, for every node on an edge between two different nodes. */
  private static Map<String, String> breadthFirst(List<String[]> edges) {
    Map<String, List<String>> adjacent = new HashMap<>();
    for (String[] e : edges) {
      if (!e[0].equals(e[1])) {
        adjacent.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
        adjacent.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String start : new TreeSet<>(adjacent.keySet())) {
      if (out.containsKey(start)) {
        continue;
      }
      List<String> queue = new ArrayList<>(List.of(start));
      out.put(start, start);
      for (int i = 0; i < queue.size(); i++) {
        for (String next : adjacent.get(queue.get(i))) {
          if (out.putIfAbsent(next, start) == null) {
            queue.add(next);
          }
        }
      }
    }
    return out;
  }
}
