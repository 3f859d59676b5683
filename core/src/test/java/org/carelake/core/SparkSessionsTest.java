package org.carelake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void theOperatorsSettingsWinOverCarelakesDefaults() {
    CarelakeConfig config = CarelakeConfig.builder().lakehouse("/tmp/unused").shufflePartitions(6).build();

    Map<String, String> none = SparkSessions.defaultsNotSetIn(new SparkConf(false), config);
    assertEquals("6", none.get("spark.sql.shuffle.partitions"));
    assertEquals(ProjectionMode.INTERPRETED, none.get(ProjectionMode.KEY));
    assertEquals("true", none.get(ProjectionMode.AUTO));

    // As spark-submit --conf or -Dspark.* would set them.
    SparkConf given = new SparkConf(false).set("spark.sql.shuffle.partitions", "200")
        .set(ProjectionMode.KEY, ProjectionMode.GENERATED);
    Map<String, String> rest = SparkSessions.defaultsNotSetIn(given, config);
    assertFalse(rest.containsKey("spark.sql.shuffle.partitions"));
    assertFalse(rest.containsKey(ProjectionMode.KEY));
    assertFalse(rest.containsKey(ProjectionMode.AUTO)); // the operator's mode stays, whatever the lakehouse's size
    assertEquals(none.size() - 3, rest.size());
  }
}
