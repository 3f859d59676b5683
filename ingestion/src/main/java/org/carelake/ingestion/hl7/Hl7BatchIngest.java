package org.carelake.ingestion.hl7;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.util.CollectionAccumulator;
import org.carelake.core.Bytes;
import org.carelake.core.HadoopConf;
import org.carelake.core.InternalFrames;
import org.carelake.core.Lakehouse;
import org.carelake.core.ProjectionMode;
import org.carelake.core.ProgressListener;
import org.carelake.core.Tables;
import org.carelake.core.WriterLock;
import org.carelake.ingestion.IngestRecovery;
import org.carelake.ingestion.fhir.BronzeSchemas;
import org.carelake.ingestion.fhir.IngestLedger;

/**
 * {@code ingest hl7}: HL7 v2 files into {@code bronze.hl7v2_message}, rejected units into {@code quarantine.input},
 * one ledger row per file into {@code ops.ingest_ledger}.
 *
 * <p>A fingerprint pass skips files the ledger already has; one streaming pass splits each new file and appends its
 * messages to bronze; a narrow join on key columns then finds the messages already in bronze, or earlier in the same
 * batch, under the same (sending facility, control id, content hash), and deletes them from this batch before it
 * commits, so a feed resent in full, or a landing file that overlaps an earlier one, is recorded once (and counted
 * as duplicates). Files with rejects are read once more for quarantine. As for FHIR, the ledger rows commit the batch; a batch without them is rolled back by the next
 * writer, so a crash followed by a re-run equals one clean run.
 */
public final class Hl7BatchIngest {
  public static final String KIND = "hl7v2";

  /** Ingest settings. */
  public record Options(String source, long maxMessageBytes, PrintStream out) {
    public static Options defaults(String source, PrintStream out) {
      return new Options(source, 16L << 20, out);
    }
  }

  private final Lakehouse lh;
  private final Options opt;

  public Hl7BatchIngest(Lakehouse lh, Options opt) {
    this.lh = lh;
    this.opt = opt;
  }

  /** Ingests files and directories (recursively; hidden files and unsealed landing files are left out). */
  public Hl7IngestResult run(List<String> locations) throws IOException {
    try (WriterLock lock = WriterLock.acquire(lh, "ingest hl7")) {
      return runHoldingLock(locations);
    }
  }

  /** The same, for a caller that already holds the lakehouse's {@link WriterLock} (a pipeline task). */
  public Hl7IngestResult runHoldingLock(List<String> locations) throws IOException {
    List<Hl7Input> inputs = Hl7Inputs.resolve(locations, lh.spark().sparkContext().hadoopConfiguration());
    IngestRecovery.rollBackIncompleteBatches(lh, opt.out());
    return ingest(inputs);
  }

  private Hl7IngestResult ingest(List<Hl7Input> inputs) {
    long t0 = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(lh.spark().sparkContext());
    HadoopConf conf = new HadoopConf(lh.spark().sparkContext().hadoopConfiguration());
    Timestamp now = Timestamp.from(Instant.now());
    opt.out().printf("ingest hl7: %d file(s), source '%s'%n", inputs.size(), opt.source());
    String batchId = batchId(now, inputs);
    Set<String> committed = IngestLedger.committedFingerprints(lh, opt.source());
    Hl7FileReader.Context ctx = new Hl7FileReader.Context(batchId, opt.source(), now.getTime(), opt.maxMessageBytes());

    List<Hl7FileReport> reports = new ArrayList<>();
    long bytes = 0;
    if (inputs.isEmpty()) {
      return new Hl7IngestResult(batchId, reports, 0, (System.nanoTime() - t0) / 1e9);
    }
    // Pass 1: fingerprints, to skip files the ledger has and the same content given twice.
    int slices = Math.min(inputs.size(), Math.max(2, jsc.defaultParallelism() * 4));
    Map<String, Hl7FileStats> stats = new HashMap<>();
    for (Hl7FileStats s : jsc.parallelize(inputs, slices).map(in -> Hl7FileReader.fingerprint(in, conf.get()))
        .collect()) {
      stats.put(s.file(), s);
    }
    Set<String> seen = new HashSet<>();
    List<Hl7Input> todo = new ArrayList<>();
    for (Hl7Input in : inputs) {
      Hl7FileStats s = stats.get(in.uri());
      if (s.error() != null) {
        reports.add(new Hl7FileReport(s.file(), "unreadable", 0, null, 0, 0, 0, 0));
      } else if (committed.contains(s.size() + ":" + s.sha256())) {
        reports.add(new Hl7FileReport(s.file(), "skipped: already ingested", s.size(), s.sha256(), 0, 0, 0, 0));
      } else if (!seen.add(s.size() + ":" + s.sha256())) {
        reports.add(new Hl7FileReport(s.file(), "skipped: same content as another input", s.size(), s.sha256(), 0,
            0, 0, 0));
      } else {
        todo.add(in);
        bytes += s.size();
      }
    }
    long tPrints = System.nanoTime();
    Map<String, Long> duplicatesPerFile = new HashMap<>();
    Map<String, Hl7FileStats> counts = new HashMap<>();
    if (!todo.isEmpty()) {
      // Pass 2: every message of the batch into bronze, streamed from the files in one split, counting units.
      boolean earlier = IngestLedger.anyAccepted(lh, KIND);
      CollectionAccumulator<Hl7FileStats> acc = jsc.sc().collectionAccumulator("hl7-file-counts");
      JavaRDD<InternalRow> rows = jsc.parallelize(todo, Math.min(todo.size(), slices))
          .flatMap(in -> Hl7FileReader.rows(in, ctx, Hl7FileReader.Emit.BRONZE, conf.get(), acc::add));
      lh.create(Tables.HL7V2_MESSAGE, Hl7BronzeSchema.HL7V2_MESSAGE, Hl7BronzeSchema.PROPERTIES);
      try (ProgressListener p = new ProgressListener(lh.spark().sparkContext(), "bronze", sizes(todo, stats),
          opt.out()); ProjectionMode.Scope mode = ProjectionMode.generatedFor(lh.spark(), bytes)) {
        lh.append(Tables.HL7V2_MESSAGE, InternalFrames.of(lh.spark(), rows, Hl7BronzeSchema.HL7V2_MESSAGE));
      }
      for (Hl7FileStats c : acc.value()) {
        counts.put(c.file(), c);
      }
      if (counts.size() != todo.size()) {
        throw new IllegalStateException("only " + counts.size() + " of " + todo.size() + " files reported");
      }
      // Then take out what was recorded before: usually nothing, so the common case splits each file once.
      // The exact query is needed only if bronze held messages before this batch or two of the batch's messages
      // share a key fingerprint; a first load of distinct messages skips it (about 10 s on 200,000 messages).
      if (earlier || !provablyDistinct(counts.values())) {
        Dataset<Row> duplicates = duplicates(batchId).cache();
        for (Row r : duplicates.groupBy("file").count().collectAsList()) {
          duplicatesPerFile.put(r.getString(0), r.getLong(1));
        }
        if (!duplicatesPerFile.isEmpty()) {
          io.delta.tables.DeltaTable.forPath(lh.spark(), lh.path(Tables.HL7V2_MESSAGE)).as("t")
              .merge(duplicates.as("d"), "t.batch_id = '" + batchId + "' AND t.file = d.file AND t.byte_offset = "
                  + "d.byte_offset").whenMatched().delete().execute();
        }
        duplicates.unpersist();
      }
    }
    long tBronze = System.nanoTime();
    // Pass 3: the rejects into quarantine, re-reading only the files that had any.
    List<Hl7Input> withRejects = todo.stream().filter(in -> counts.get(in.uri()).rejects() > 0).toList();
    if (!withRejects.isEmpty()) {
      JavaRDD<InternalRow> rows = jsc.parallelize(withRejects, Math.min(withRejects.size(), slices))
          .flatMap(in -> Hl7FileReader.rows(in, ctx, Hl7FileReader.Emit.QUARANTINE, conf.get(), c -> { }));
      lh.append(Tables.QUARANTINE_INPUT, InternalFrames.of(lh.spark(), rows, BronzeSchemas.QUARANTINE_INPUT));
    }
    List<Row> bad = new ArrayList<>();
    for (Hl7Input in : inputs) {
      Hl7FileStats s = stats.get(in.uri());
      if (s.error() != null) {
        bad.add(RowFactory.create(batchId, KIND, opt.source(), s.file(), null, null, null,
            Hl7Reject.UNREADABLE_FILE.code(), s.error(), null, now));
      }
    }
    if (!bad.isEmpty()) {
      lh.append(Tables.QUARANTINE_INPUT, lh.spark().createDataFrame(bad, BronzeSchemas.QUARANTINE_INPUT));
    }

    // Per-file reconciliation, then the ledger commit that makes the batch complete.
    List<Row> ledger = new ArrayList<>();
    Timestamp committedAt = Timestamp.from(Instant.now());
    for (Hl7Input in : todo) {
      Hl7FileStats s = stats.get(in.uri());
      Hl7FileStats c = counts.get(in.uri());
      long dups = duplicatesPerFile.getOrDefault(s.file(), 0L);
      Hl7FileReport r = new Hl7FileReport(s.file(), "ingested", s.size(), s.sha256(), c.units(), c.messages() - dups,
          dups, c.rejects());
      if (!r.reconciles()) {
        throw new IllegalStateException("counts do not reconcile for " + r.file() + ": " + r);
      }
      reports.add(r);
      ledger.add(RowFactory.create(batchId, KIND, opt.source(), r.file(), r.size(), r.sha256(), null, r.messages(),
          r.accepted(), r.quarantined(), 0L, 0L, 0L, now, committedAt, r.duplicates()));
    }
    long tQuarantine = System.nanoTime();
    IngestLedger.commit(lh, ledger);
    lh.attachViews();
    long tEnd = System.nanoTime();
    opt.out().printf(Locale.ROOT, "  timings: fingerprints %.1f s, bronze and duplicates %.1f s, quarantine %.1f s, "
        + "commit %.1f s%n", (tPrints - t0) / 1e9, (tBronze - tPrints) / 1e9, (tQuarantine - tBronze) / 1e9,
        (tEnd - tQuarantine) / 1e9);
    return new Hl7IngestResult(batchId, reports, bytes, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Where (file, byte_offset) this batch's messages are that must not stay: not the first with their (sending
   * facility, control id, content hash) in the batch, or already recorded by an earlier batch. Only the narrow key
   * columns are read.
   */
  private Dataset<Row> duplicates(String batchId) {
    Dataset<Row> bronze = lh.table(Tables.HL7V2_MESSAGE).select("batch_id", "file", "byte_offset", "sending_facility",
        "control_id", "content_hash");
    Dataset<Row> mine = bronze.where(col("batch_id").equalTo(batchId));
    Dataset<Row> laterInBatch = mine.withColumn("_n", row_number().over(Window.partitionBy("sending_facility",
            "control_id", "content_hash").orderBy("file", "byte_offset")))
        .where(col("_n").gt(1)).select("file", "byte_offset");
    Dataset<Row> earlier = bronze.where(col("batch_id").notEqual(batchId)).select(col("sending_facility").as("_f"),
        col("control_id").as("_c"), col("content_hash").as("_h"));
    Dataset<Row> recorded = mine.join(earlier, col("sending_facility").eqNullSafe(col("_f"))
            .and(col("control_id").eqNullSafe(col("_c"))).and(col("content_hash").equalTo(col("_h"))), "left_semi")
        .select("file", "byte_offset");
    return laterInBatch.union(recorded).distinct();
  }

  /** True when every message of the batch has its own key fingerprint (so no two can share a duplicate key). */
  static boolean provablyDistinct(java.util.Collection<Hl7FileStats> files) {
    long total = 0;
    for (Hl7FileStats f : files) {
      if (f.keys() == null) {
        return false;
      }
      total += f.keys().length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      return false;
    }
    long[] all = new long[(int) total];
    int at = 0;
    for (Hl7FileStats f : files) {
      System.arraycopy(f.keys(), 0, all, at, f.keys().length);
      at += f.keys().length;
    }
    java.util.Arrays.sort(all);
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static long[] sizes(List<Hl7Input> files, Map<String, Hl7FileStats> stats) {
    return files.stream().mapToLong(f -> stats.get(f.uri()).size()).toArray();
  }

  /** Sortable by time, unique by content: {@code 20261126T130501Z-1a2b3c4d}. */
  private String batchId(Timestamp now, List<Hl7Input> inputs) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((KIND + opt.source()).getBytes(StandardCharsets.UTF_8));
      inputs.stream().map(Hl7Input::uri).sorted().forEach(u -> md.update(u.getBytes(StandardCharsets.UTF_8)));
      md.update(Long.toString(now.getTime()).getBytes(StandardCharsets.UTF_8));
      String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
          .format(now.toInstant());
      return time + "-" + Bytes.hex(md.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
