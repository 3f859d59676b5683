package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.dashboard.auth.LoginService;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql --as}, {@code extract} and {@code user passwd}: an analyst reads deid.* only, decided on the plan. */
class AnalystAccessTest {
  @TempDir
  static Path dir;
  private static String lake;
  private static Lakehouse lh;

  @BeforeAll
  static void lakehouseWithIdentifiedAndDeidentifiedTables() throws Exception {
    lake = dir.resolve("lake").toString();
    lh = Lakehouse.open(SharedSpark.session(), CarelakeConfig.builder().lakehouse(lake).build());
    lh.overwrite(TableName.parse("silver.patient"), lh.sql("SELECT * FROM VALUES ('p1', 'Alice', 'Smith', "
        + "DATE'1950-02-03') AS t(person_id, given, family, birth_date)"));
    lh.overwrite(TableName.parse("gold.dim_person"), lh.sql("SELECT person_id, given AS given_name, birth_date "
        + "FROM silver.patient"));
    lh.overwrite(TableName.parse("deid.person"), lh.sql("SELECT * FROM VALUES ('9f2c', 1950, 75, '021'), "
        + "('1ab0', NULL, 90, '000') AS t(person_id, birth_year, age, zip3)"));
    lh.overwrite(TableName.parse("ref.code_system_alias"), lh.sql("SELECT 'sct' AS alias, "
        + "'http://snomed.info/sct' AS system"));
    Path pw = Files.writeString(dir.resolve("pw"), "an-analyst-password\n");
    for (String[] u : List.of(new String[] {"ana", "analyst"}, new String[] {"adm", "admin"})) {
      assertEquals(0, CliRun.of("--lakehouse", lake, "user", "add", u[0], "--role", u[1], "--password-file",
          pw.toString()).code());
    }
    assertEquals(0, CliRun.of("--lakehouse", lake, "user", "add", "cm", "--role", "care_manager", "--org", "o1",
        "--password-file", pw.toString()).code());
  }

  private static CliRun sqlAs(String user, String query) {
    return CliRun.of("--lakehouse", lake, "sql", "--as", user, "--format", "csv", query);
  }

  @Test
  void anAnalystReadsDeidAndRefButNoIdentifiedTableHoweverTheQueryReachesIt() {
    CliRun ok = sqlAs("ana", "SELECT zip3, count(*) AS n FROM deid.person GROUP BY zip3 ORDER BY zip3");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("000,1") && ok.out().contains("021,1"), ok.out());
    CliRun text = sqlAs("ana", "SELECT 'silver.patient' AS s, p.age FROM deid.person p -- gold.dim_person\n"
        + "JOIN ref.code_system_alias a ON a.alias = 'sct'");
    assertEquals(0, text.code(), "table names in strings and comments are not reads: " + text.err());

    String path = lh.path(TableName.parse("gold.dim_person"));
    for (String[] q : List.of(
        new String[] {"SELECT * FROM silver.patient", "silver.patient"},
        new String[] {"SELECT * FROM `GOLD`.`Dim_Person`", "gold.dim_person"},
        new String[] {"SELECT * FROM deid.person WHERE person_id IN (SELECT person_id FROM gold.dim_person)",
            "gold.dim_person"},
        new String[] {"SELECT (SELECT max(family) FROM silver.patient) AS f FROM deid.person", "silver.patient"},
        new String[] {"WITH x AS (SELECT * FROM gold.dim_person) SELECT * FROM deid.person JOIN x USING (person_id)",
            "gold.dim_person"},
        new String[] {"SELECT * FROM delta.`" + path + "`", "analyst"},
        new String[] {"SELECT * FROM ops.user", "ops.user"},
        new String[] {"DROP TABLE deid.person", "only run queries"},
        new String[] {"INSERT INTO deid.person VALUES ('x', 1, 1, '000')", "only run queries"},
        new String[] {"CREATE TEMPORARY VIEW v AS SELECT * FROM gold.dim_person", "only run queries"},
        new String[] {"SET spark.sql.ansi.enabled=false", "only run queries"})) {
      CliRun r = sqlAs("ana", q[0]);
      assertEquals(Carelake.FAILURE, r.code(), q[0] + ": " + r.out());
      assertTrue(r.err().contains("refused") && r.err().contains(q[1]), q[0] + ": " + r.err());
      assertFalse(r.out().contains("Alice") || r.out().contains("Smith"), q[0] + ": " + r.out());
    }
    assertEquals(2L, lh.sql("SELECT count(*) FROM deid.person").first().getLong(0), "nothing was written");

    CliRun cm = sqlAs("cm", "SELECT * FROM deid.person");
    assertEquals(Carelake.FAILURE, cm.code());
    assertTrue(cm.err().contains("care managers have no SQL"), cm.err());
    CliRun admin = sqlAs("adm", "SELECT given FROM silver.patient");
    assertTrue(admin.code() == 0 && admin.out().contains("Alice"), admin.err());
    assertEquals(Carelake.USAGE, sqlAs("nobody", "SELECT 1").code());

    List<String> denied = lh.sql("SELECT detail FROM ops.audit_log WHERE `user` = 'ana' AND action = 'sql.denied'")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(denied.stream().anyMatch(d -> d.contains("silver.patient")), denied.toString());
    CliRun verify = CliRun.of("--lakehouse", lake, "audit", "verify");
    assertEquals(0, verify.code(), verify.out());
  }

  @Test
  void extractWritesTheFormatsAuditsPatientLevelTablesAndKeepsTheRole() throws Exception {
    Path csv = dir.resolve("x-csv");
    CliRun ok = CliRun.of("--lakehouse", lake, "extract", "deid.person", "--format", "csv", "--out", csv.toString(),
        "--as", "ana");
    assertEquals(0, ok.code(), ok.err());
    List<String> lines;
    try (Stream<Path> files = Files.list(csv)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
      lines = Files.readAllLines(part);
    }
    assertEquals("person_id,birth_year,age,zip3", lines.get(0));
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lh.sql("SELECT * FROM ops.audit_log WHERE `user` = 'ana' AND action = 'table.extract' "
        + "AND detail LIKE 'table=deid.person format=csv rows=2%'").count() == 1, "audited");
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "extract", "deid.person", "--format", "csv",
        "--out", csv.toString()).code(), "never overwrites");

    Path parquet = dir.resolve("x-parquet");
    assertEquals(0, CliRun.of("--lakehouse", lake, "extract", "deid.person", "--format", "parquet", "--out",
        parquet.toString()).code());
    assertEquals(2L, lh.spark().read().parquet(parquet.toString()).count());
    Path ndjson = dir.resolve("x-ndjson");
    assertEquals(0, CliRun.of("--lakehouse", lake, "extract", "ref.code_system_alias", "--format", "ndjson",
        "--out", ndjson.toString()).code());
    assertEquals(1L, lh.spark().read().json(ndjson.toString()).count());

    CliRun refused = CliRun.of("--lakehouse", lake, "extract", "gold.dim_person", "--format", "csv", "--out",
        dir.resolve("x-gold").toString(), "--as", "ana");
    assertEquals(Carelake.FAILURE, refused.code());
    assertTrue(refused.err().contains("gold.dim_person"), refused.err());
    assertFalse(Files.exists(dir.resolve("x-gold")));
  }

  @Test
  void passwdChangesOnlyThePasswordReadingItFromStandardInput() throws Exception {
    Path pw = Files.writeString(dir.resolve("pw-bo"), "the-first-password\n");
    assertEquals(0, CliRun.of("--lakehouse", lake, "user", "add", "bo", "--role", "care_manager", "--org", "o7",
        "--password-file", pw.toString()).code());
    InputStream stdin = System.in;
    CliRun changed;
    try {
      System.setIn(new ByteArrayInputStream("the-second-password\n".getBytes(StandardCharsets.UTF_8)));
      changed = CliRun.of("--lakehouse", lake, "user", "passwd", "bo");
    } finally {
      System.setIn(stdin);
    }
    assertEquals(0, changed.code(), changed.err());
    UserStore users = new UserStore(lh);
    LoginService login = new LoginService(users::find, Duration.ofMinutes(5), Clock.systemUTC());
    assertTrue(login.authenticate("bo", "the-second-password".toCharArray()).isPresent());
    assertTrue(login.authenticate("bo", "the-first-password".toCharArray()).isEmpty());
    assertEquals(List.of("o7"), users.find("bo").orElseThrow().organizations(), "role and organizations kept");
    Path shortPw = Files.writeString(dir.resolve("pw-short"), "short\n");
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "user", "passwd", "bo", "--password-file",
        shortPw.toString()).code());
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "user", "passwd", "ghost", "--password-file",
        pw.toString()).code());
  }
}
