package org.carelake.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PHI columns encrypted at rest with Parquet modular encryption: unreadable without the keys, out of the log. */
class AtRestEncryptionTest {
  private static final TableName PATIENT = TableName.parse("silver.patient");
  private static final TableName PLAIN = TableName.parse("silver.encounter");
  // Markers long and odd enough that finding them in a file's bytes means plaintext.
  private static final String FAMILY = "Qwertzuiopfamily";
  private static final String GIVEN = "Asdfghjklgiven";
  private static final String MERGED = "Yxcvbnmmergedfamily";

  @TempDir
  static Path dir;
  private static Path keystore;
  private static Path password;
  private static Lakehouse lh;

  @BeforeAll
  static void encryptedLakehouse() throws IOException {
    keystore = dir.resolve("keys.p12");
    password = Files.writeString(dir.resolve("keystore.password"), "a-test-keystore-password\n");
    Keystores.create(keystore.toString(), "a-test-keystore-password".toCharArray(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    lh = open(session("a-test-keystore-password"), "lake");
    String rows = "SELECT * FROM VALUES ('p1', '" + FAMILY + "', DATE'1950-02-03', array('" + GIVEN + "'), 'female')"
        + " AS t(person_id, family, birth_date, given_all, gender)";
    lh.overwrite(PATIENT, lh.sql(rows));
    lh.append(PATIENT, lh.sql(rows.replace("'p1'", "'p2'")));
    lh.replaceWhere(PATIENT, lh.sql(rows.replace("'p1'", "'p3'")), "person_id = 'p3'");
    DeltaTable.forPath(lh.spark(), lh.path(PATIENT)).as("t")
        .merge(lh.sql("SELECT 'p2' AS person_id, '" + MERGED + "' AS family").as("s"), "t.person_id = s.person_id")
        .whenMatched().updateExpr(java.util.Map.of("family", "s.family")).execute();
    lh.overwrite(PLAIN, lh.sql("SELECT 'e1' AS encounter_id, '" + FAMILY + "' AS note"));
  }

  private static SparkSession session(String keystorePassword) throws IOException {
    SparkSession s = SharedSpark.session().newSession();
    Path pw = Files.writeString(Files.createTempFile(dir, "pw", ""), keystorePassword);
    s.conf().set(AtRestEncryption.KEYSTORE, keystore.toString());
    s.conf().set(AtRestEncryption.PASSWORD_FILE, pw.toString());
    AtRestEncryption.activate(s);
    return s;
  }

  private static Lakehouse open(SparkSession s, String lake) {
    return Lakehouse.open(s, CarelakeConfig.builder().lakehouse(dir.resolve(lake).toString()).build());
  }

  @Test
  void everyWriterEncryptsThePhiColumnsAndTheKeyHolderReadsThem() {
    List<Row> rows = lh.sql("SELECT person_id, family, birth_date, given_all[0] FROM silver.patient "
        + "ORDER BY person_id").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(List.of(FAMILY, MERGED, FAMILY), rows.stream().map(r -> r.getString(1)).toList());
    assertEquals("1950-02-03", rows.get(0).get(2).toString());
    assertEquals(GIVEN, rows.get(2).getString(3));
    assertEquals(AtRestEncryption.COLUMN_KEY + ":family,birth_date,given_all.list.element",
        lh.tableProperties(PATIENT).get(AtRestEncryption.COLUMN_KEYS));
  }

  @Test
  void noPhiInTheDataFilesOrTheTransactionLogWhileAPlainTableShowsItsValues() throws IOException {
    // The control: the same marker in a table without PHI columns is found in its file, so the check can fail.
    assertTrue(anyFileContains(lh.path(PLAIN), FAMILY), "the plaintext control table should show its value");
    for (String marker : List.of(FAMILY, GIVEN, MERGED)) {
      assertFalse(anyFileContains(lh.path(PATIENT), marker), marker + " is readable in a file of " + PATIENT);
    }
    // Statistics stay on the other columns: the person_id of the first file is in the log.
    assertTrue(anyFileContains(lh.path(PATIENT) + "/_delta_log", "person_id\\\":\\\"p1"));
  }

  @Test
  void withoutTheKeysOnlyTheOtherColumnsCanBeRead() throws Exception {
    SparkSession plain = SharedSpark.session();
    List<Row> ids = plain.read().format("delta").load(lh.path(PATIENT)).select("person_id", "gender")
        .orderBy("person_id").collectAsList();
    assertEquals("p1", ids.get(0).getString(0));
    Exception e = assertThrows(Exception.class,
        () -> plain.read().format("delta").load(lh.path(PATIENT)).select("family").collectAsList());
    // The executor's ParquetCryptoRuntimeException reaches the driver as the text of the failed task.
    assertTrue(trace(e).contains("ParquetCryptoRuntimeException"), trace(e));
    Exception wrong = assertThrows(Exception.class, () -> session("not-the-password").read().format("delta")
        .load(lh.path(PATIENT)).select("family").collectAsList());
    assertTrue(trace(wrong).contains("cannot open keystore"), trace(wrong));
  }

  @Test
  void aProcessWithoutKeysRefusesToWriteAnEncryptedTable() {
    Lakehouse noKeys = new Lakehouse(SharedSpark.session(), lh.root());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> noKeys.append(PATIENT, noKeys.sql("SELECT 'p9' AS person_id, 'x' AS family")));
    assertTrue(e.getMessage().contains("silver.patient is encrypted at rest"), e.getMessage());
  }

  private static String trace(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  private static boolean anyFileContains(String directory, String marker) throws IOException {
    byte[] needle = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(Path.of(java.net.URI.create(directory)))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
