package org.carelake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The filesystem-as-catalog, table naming, configuration and the writer lock, on a real session. */
class LakehouseTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType);

  @Test
  void tablesWrittenUnderTheRootAreFoundByNameAfterReopening() {
    Lakehouse lh = SharedSpark.freshLakehouse("catalog");
    lh.append(TableName.of(Layer.SILVER, "thing"), lh.spark().createDataFrame(
        List.of(RowFactory.create("a", 1L), RowFactory.create("b", 2L)), SCHEMA));
    lh.create(TableName.of(Layer.GOLD, "empty_one"), SCHEMA, Map.of("delta.appendOnly", "true"));
    assertEquals(3L, lh.sql("SELECT sum(v) FROM silver.thing").first().getLong(0));
    assertTrue(lh.inCatalog("silver", "thing"));

    // Another lakehouse on the same session must not see these; reopening the first must.
    Lakehouse other = SharedSpark.freshLakehouse("other");
    assertFalse(other.inCatalog("silver", "thing"));
    Lakehouse again = Lakehouse.open(lh.spark(), CarelakeConfig.builder().lakehouse(lh.root()).build());
    assertEquals(List.of(TableName.parse("silver.thing"), TableName.parse("gold.empty_one")), again.discover());
    assertEquals(2L, again.sql("SELECT count(*) FROM silver.thing").first().getLong(0));
    assertEquals(0L, again.sql("SELECT count(*) FROM gold.empty_one").first().getLong(0));
    assertEquals("true", again.sql("SHOW TBLPROPERTIES gold.empty_one ('delta.appendOnly')").first().getString(1));
  }

  @Test
  void tableNamesAreLayerDotSnakeCase() {
    assertEquals("bronze.fhir_resource", TableName.parse("bronze.fhir_resource").qualified());
    assertThrows(IllegalArgumentException.class, () -> TableName.parse("platinum.x"));
    assertThrows(IllegalArgumentException.class, () -> TableName.parse("fhir_resource"));
    assertThrows(IllegalArgumentException.class, () -> TableName.of(Layer.GOLD, "Bad-Name"));
  }

  @Test
  void locationsBecomeUrisThatExecutorsResolveTheSame() {
    assertEquals("s3a://bucket/lake", CarelakeConfig.toUri("s3a://bucket/lake/"));
    assertEquals("hdfs://nn:8020/x", CarelakeConfig.toUri("hdfs://nn:8020/x"));
    String local = CarelakeConfig.toUri("some dir/lake");
    assertTrue(local.startsWith("file:/") && local.endsWith("/some dir/lake"), local);
    assertFalse(local.contains(".."));
  }

  @Test
  void oneWriterAtATimeAndADeadHoldersLockIsTakenOver() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("lock");
    try (WriterLock first = WriterLock.acquire(lh, "first")) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> WriterLock.acquire(lh, "second"));
      assertTrue(e.getMessage().contains("first"), e.getMessage());
    }
    try (WriterLock again = WriterLock.acquire(lh, "after release")) {
      assertTrue(again != null);
    }
    // A lock file left by a process of this host that no longer runs.
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Path lock = Path.of(java.net.URI.create(lh.root() + "/_ops/writer.lock").getPath());
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, java.net.InetAddress.getLocalHost().getHostName() + " " + dead.pid() + " 2026-01-01T00:00:00Z ingest",
        StandardCharsets.UTF_8);
    try (WriterLock taken = WriterLock.acquire(lh, "recovering")) {
      assertTrue(Files.readString(lock).contains("recovering"));
    }
    assertFalse(Files.exists(lock));
  }
}
