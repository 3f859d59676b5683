package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Pairs compared inside their blocks against a brute force over all record pairs: every pair sharing a kept
 * blocking key exactly once, none that shares only skipped (oversized) blocks, each with the levels of its two
 * records in key order.
 */
class PairComparisonsTest {
  private static final int MAX_BLOCK = 6;

  @Test
  void everyPairSharingAKeptBlockIsComparedOnce() {
    SparkSession spark = SharedSpark.session();
    Random random = new Random(11);
    String[] givens = {"ANNA", "BOB", "ROBERT", "CARLA", "DAN"};
    String[] families = {"SMITH", "SMYTH", "JONES", "NGUYEN"};
    List<Row> rows = new ArrayList<>();
    Map<String, PersonRecord> records = new HashMap<>();
    Map<String, List<String>> keys = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      String id = "r" + (char) ('a' + random.nextInt(26)) + i;
      PersonRecord r = Patient.named(givens[random.nextInt(givens.length)], families[random.nextInt(families.length)])
          .source("ehr", id).born("19" + (50 + random.nextInt(3)) + "-0" + (1 + random.nextInt(3)) + "-1"
              + random.nextInt(3)).phone("312555" + (1000 + random.nextInt(5))).record();
      // Keys from a small alphabet so blocks overlap and some exceed MAX_BLOCK; order shuffled per record.
      List<String> k = new ArrayList<>();
      for (int j = 0; j < 3; j++) {
        String key = "k" + random.nextInt(40);
        if (!k.contains(key)) {
          k.add(key);
        }
      }
      if (i % 7 == 0) {
        k.add("crowd");
      }
      String recKey = SourceRecords.key("ehr", id);
      records.put(recKey, r);
      keys.put(recKey, k);
      rows.add(RowFactory.create(recKey, "ehr", id, SourceRecords.toBytes(r), SourceRecords.seq(k),
          SourceRecords.seq(List.<String>of())));
    }
    Map<String, Integer> blockSizes = new HashMap<>();
    keys.values().forEach(ks -> ks.forEach(k -> blockSizes.merge(k, 1, Integer::sum)));
    assertTrue(blockSizes.values().stream().anyMatch(n -> n > MAX_BLOCK), "the fixture has oversized blocks");

    ComparisonSet set = ComparisonSet.standard();
    Map<String, List<Integer>> expected = new TreeMap<>();
    List<String> ids = new ArrayList<>(records.keySet());
    for (String x : ids) {
      for (String y : ids) {
        boolean shared = keys.get(x).stream().anyMatch(k -> blockSizes.get(k) <= MAX_BLOCK && keys.get(y).contains(k));
        if (x.compareTo(y) < 0 && shared) {
          expected.put(x + " " + y, set.vector(records.get(x), records.get(y)));
        }
      }
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Row> got = PairComparisons.of(spark.createDataFrame(rows, SourceRecords.SCHEMA), set, MAX_BLOCK,
        new PrintStream(log, true, StandardCharsets.UTF_8)).collectAsList();
    Map<String, List<Integer>> actual = new TreeMap<>();
    for (Row r : got) {
      List<Integer> previous = actual.put(r.getString(0) + " " + r.getString(1), new ArrayList<>(r.getList(2)));
      assertEquals(null, previous, "pair compared twice: " + r.getString(0) + " " + r.getString(1));
    }
    assertTrue(expected.size() > 100, "the fixture has pairs: " + expected.size());
    assertEquals(expected, actual);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("skipped, largest [crowd"), log.toString());
  }

  @Test
  void recordsSurviveTheirEncoding() {
    PersonRecord full = Patient.named("Robert", "O'Brien").givens("Robert", "Jürgen").source("lab", "L-1")
        .mrn("123", "urn:lab").ssn("123-45-6789").suffix("Jr").born("1961-04-03").gender("male")
        .phone("(312) 555-0101").email("Bob@Example.com").address("1 Main St", "Springfield", "IL", "62701")
        .multipleBirth(true, 2).record();
    PersonRecord empty = new PersonRecord(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);
    assertEquals(full, SourceRecords.fromBytes(SourceRecords.toBytes(full)));
    assertEquals(empty, SourceRecords.fromBytes(SourceRecords.toBytes(empty)));
  }
}
