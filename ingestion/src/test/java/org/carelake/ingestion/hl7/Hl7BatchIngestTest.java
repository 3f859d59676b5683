package org.carelake.ingestion.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HL7 v2 files into bronze and quarantine on a real Spark session and real Delta tables. */
class Hl7BatchIngestTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  private static Hl7IngestResult ingest(Lakehouse lh, String... paths) throws IOException {
    return new Hl7BatchIngest(lh, Hl7BatchIngest.Options.defaults("lab", QUIET)).run(List.of(paths));
  }

  private static long count(Lakehouse lh, String sql) {
    return lh.sql(sql).first().getLong(0);
  }

  @Test
  void theReferenceCorpusLandsMessageForMessageAndReconciles() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("hl7-corpus");
    List<Hl7Unit> expected = new ArrayList<>();
    for (Path p : Hl7SplitterTest.corpus()) {
      expected.addAll(Hl7SplitterTest.split(Files.readAllBytes(p)));
    }
    long messages = expected.stream().filter(Hl7Unit::accepted).count();
    long rejects = expected.size() - messages;

    Hl7IngestResult r = ingest(lh, Hl7SplitterTest.CORPUS.toString());
    assertTrue(r.files().stream().allMatch(Hl7FileReport::reconciles));
    assertEquals(expected.size(), r.messages(), "every unit is counted");
    assertEquals(rejects, r.quarantined());
    assertEquals(messages, r.accepted() + r.duplicates());
    assertEquals(r.accepted(), count(lh, "SELECT count(*) FROM bronze.hl7v2_message"));
    assertEquals(rejects, count(lh, "SELECT count(*) FROM quarantine.input WHERE kind = 'hl7v2'"));
    assertEquals(r.accepted(), count(lh, "SELECT count(*) FROM (SELECT DISTINCT sending_facility, control_id, "
        + "content_hash FROM bronze.hl7v2_message)"), "a message is recorded once");
    assertEquals(6, count(lh, "SELECT count(DISTINCT file) FROM quarantine.input WHERE file LIKE '%sample_bad_%'"));
    // the second FHS itself, and the message it cut short
    assertEquals(2, count(lh, "SELECT count(*) FROM quarantine.input WHERE file LIKE '%sample_bad_file2.hl7' AND "
        + "detail LIKE 'File cannot have more than one FHS segment%' AND reason = 'bad_envelope'"));
    assertEquals(0, count(lh, "SELECT count(*) FROM bronze.hl7v2_message WHERE message_type IS NULL OR message = ''"));
    assertTrue(count(lh, "SELECT count(*) FROM bronze.hl7v2_message WHERE message_type = 'ADT' AND trigger_event = "
        + "'A01' AND message_time IS NOT NULL AND version IS NOT NULL") > 0);
    long ledger = count(lh, "SELECT sum(lines) FROM ops.ingest_ledger WHERE kind = 'hl7v2'");
    assertEquals(expected.size(), ledger);
    assertEquals(ledger, count(lh, "SELECT sum(accepted + quarantined + duplicates) FROM ops.ingest_ledger "
        + "WHERE kind = 'hl7v2'"), "the ledger reconciles");

    Hl7IngestResult again = ingest(lh, Hl7SplitterTest.CORPUS.toString());
    assertEquals(0, again.accepted());
    assertEquals(again.files().size(), again.count("skipped"), "every file is already in the ledger");
    assertEquals(r.accepted(), count(lh, "SELECT count(*) FROM bronze.hl7v2_message"));
  }

  @Test
  void theSameMessagesResentWithOtherLineEndingsAreDuplicatesAndACrashedBatchIsRolledBack() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("hl7-dupes");
    String a = "MSH|^~\\&|LAB|ACME|EHR|HOSP|20240102030405||ORU^R01^ORU_R01|C1|P|2.5.1\rPID|1||123^^^LAB^MR||Doe^Jane\r";
    String b = a.replace("C1", "C2");
    Path first = Files.writeString(tmp.resolve("feed1.hl7"), a + b);
    Path second = Files.writeString(tmp.resolve("feed2.hl7"), "EVN|A01\r"
        + (b + a.replace("Jane", "Janet")).replace("\r", "\r\n"));
    Hl7IngestResult r1 = ingest(lh, first.toString());
    assertEquals(2, r1.accepted());
    Hl7IngestResult r2 = ingest(lh, second.toString());
    assertEquals(1, r2.accepted(), "C1 with another name is another message");
    assertEquals(1, r2.duplicates(), "C2 again (CRLF this time) is the same message");
    assertEquals(1, r2.quarantined());
    assertEquals(3, count(lh, "SELECT count(*) FROM bronze.hl7v2_message"));
    assertEquals(1, count(lh, "SELECT count(*) FROM ops.ingest_ledger WHERE file LIKE '%feed2.hl7' AND duplicates = 1"));

    // A batch that wrote bronze rows but died before its ledger commit is removed by the next ingest.
    lh.sql("INSERT INTO delta.`" + lh.path(Tables.HL7V2_MESSAGE) + "` SELECT 'dead-batch', source_system, "
        + "sending_application, sending_facility, receiving_application, receiving_facility, message_type, trigger_event, "
        + "message_structure, 'ZZ', message_time, message_time_text, version, processing_id, message, content_hash, file, "
        + "byte_offset, length, line, received_at, ingested_at FROM delta.`" + lh.path(Tables.HL7V2_MESSAGE) + "` LIMIT 1");
    Path third = Files.writeString(tmp.resolve("feed3.hl7"), a.replace("C1", "C3"));
    ingest(lh, third.toString());
    assertEquals(0, count(lh, "SELECT count(*) FROM bronze.hl7v2_message WHERE batch_id = 'dead-batch'"));
    assertEquals(4, count(lh, "SELECT count(*) FROM bronze.hl7v2_message"));
  }

  @Test
  void duplicatesInsideAFirstBatchAreFoundThoughBronzeHeldNothingBefore() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("hl7-first-dupes");
    String a = "MSH|^~\\&|LAB|ACME|EHR|HOSP|20240102030405||ORU^R01^ORU_R01|C1|P|2.5.1\rPID|1||123^^^LAB^MR||Doe^Jane\r";
    String b = a.replace("C1", "C2");
    Path dir = Files.createDirectories(tmp.resolve("first-dupes"));
    Files.writeString(dir.resolve("x.hl7"), a + b + a);
    Files.writeString(dir.resolve("y.hl7"), b.replace("\r", "\n"));
    Hl7IngestResult r = ingest(lh, dir.toString());
    assertEquals(2, r.accepted());
    assertEquals(2, r.duplicates(), "A twice in one file, B again in the other with LF endings");
    assertEquals(2, count(lh, "SELECT count(*) FROM bronze.hl7v2_message"));
  }

  @Test
  void keyFingerprintsRuleOutDuplicatesOnlyWhenAllDiffer() {
    byte[] h1 = new byte[32];
    byte[] h2 = new byte[32];
    h2[3] = 1;
    long k = Hl7FileReader.duplicateKey("ACME", "C1", h1);
    assertEquals(k, Hl7FileReader.duplicateKey("ACME", "C1", h1.clone()), "same key, same fingerprint");
    assertTrue(k != Hl7FileReader.duplicateKey("ACME", "C2", h1));
    assertTrue(k != Hl7FileReader.duplicateKey("OTHER", "C1", h1));
    assertTrue(k != Hl7FileReader.duplicateKey("ACME", "C1", h2));
    assertTrue(k != Hl7FileReader.duplicateKey(null, "C1", h1));
    var x = new Hl7FileStats("x", -1, null, 2, 2, 0, null, new long[] {5, 7});
    var y = new Hl7FileStats("y", -1, null, 1, 1, 0, null, new long[] {9});
    var yAgain = new Hl7FileStats("y", -1, null, 1, 1, 0, null, new long[] {7});
    var unknown = new Hl7FileStats("z", -1, null, 1, 1, 0, null, null);
    assertTrue(Hl7BatchIngest.provablyDistinct(List.of(x, y)));
    assertTrue(!Hl7BatchIngest.provablyDistinct(List.of(x, yAgain)), "7 in two files");
    assertTrue(!Hl7BatchIngest.provablyDistinct(List.of(x, unknown)), "keys not collected: the query decides");
  }
}
