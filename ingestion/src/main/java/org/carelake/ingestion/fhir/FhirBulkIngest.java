package org.carelake.ingestion.fhir;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.carelake.core.Bytes;
import org.apache.spark.sql.catalyst.InternalRow;
import org.carelake.core.HadoopConf;
import org.carelake.core.InternalFrames;
import org.carelake.core.Lakehouse;
import org.carelake.core.ProjectionMode;
import org.carelake.core.ProgressListener;
import org.carelake.core.Tables;
import org.carelake.core.WriterLock;
import org.carelake.ingestion.IngestRecovery;
import org.carelake.ingestion.QuarantineReason;

/**
 * {@code ingest fhir}: bulk-export NDJSON into {@code bronze.fhir_resource}, rejected lines into
 * {@code quarantine.input}, one ledger row per file into {@code ops.ingest_ledger}.
 *
 * <p>Three Spark passes: (1) fingerprint every file and cut it into chunks of whole lines, one task per file; (2) parse
 * the chunks in parallel (a few per task, see {@link ChunkBins}) and append the accepted resources to bronze; (3) only
 * for chunks that had rejected lines,
 * re-read them and append the rejects to quarantine. The ledger rows are written last: a batch without them is
 * incomplete and is rolled back by the next writer (see {@link IngestRecovery}), which makes a crash at any point
 * followed by a re-run equal to one clean run.
 */
public final class FhirBulkIngest {
  public static final String KIND = "fhir_ndjson";

  /** Ingest settings. */
  public record Options(String source, int maxLineBytes, long chunkBytes, PrintStream out) {
    public static Options defaults(String source, PrintStream out) {
      return new Options(source, 64 << 20, 32L << 20, out);
    }
  }

  private final Lakehouse lh;
  private final Options opt;

  public FhirBulkIngest(Lakehouse lh, Options opt) {
    this.lh = lh;
    this.opt = opt;
  }

  public IngestResult run(List<String> locations) throws IOException {
    long t0 = System.nanoTime();
    var conf = lh.spark().sparkContext().hadoopConfiguration();
    BulkExportInputs.Resolved inputs = BulkExportInputs.resolve(locations, conf);
    try (WriterLock lock = WriterLock.acquire(lh, "ingest fhir")) {
      IngestRecovery.rollBackIncompleteBatches(lh, opt.out());
      return ingest(inputs, t0);
    }
  }

  private IngestResult ingest(BulkExportInputs.Resolved inputs, long t0) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(lh.spark().sparkContext());
    HadoopConf conf = new HadoopConf(lh.spark().sparkContext().hadoopConfiguration());
    Timestamp now = Timestamp.from(Instant.now());
    long chunkBytes = opt.chunkBytes();
    List<InputFile> files = inputs.files();
    opt.out().printf("ingest fhir: %d file(s), source '%s'%n", files.size(), opt.source());

    // Pass 1: fingerprints and chunk boundaries.
    List<FileScan> scans;
    try (ProgressListener p = new ProgressListener(lh.spark().sparkContext(), "fingerprint", sizes(files, conf), opt.out())) {
      scans = jsc.parallelize(files, Math.max(1, files.size()))
          .map(f -> FileScanner.scan(f, chunkBytes, conf.get())).collect();
    }

    long tScan = System.nanoTime();
    Set<String> done = IngestLedger.committedFingerprints(lh, opt.source());
    Set<String> seen = new HashSet<>();
    List<FileReport> reports = new ArrayList<>();
    List<FileScan> todo = new ArrayList<>();
    List<FileScan> unreadable = new ArrayList<>();
    for (FileScan s : scans) {
      InputFile f = s.file();
      if (s.error() != null) {
        reports.add(new FileReport(f.uri(), f.declaredType(), "unreadable", 0, null, 0, 0, 0, 0, 0, 0));
        unreadable.add(s);
      } else if (done.contains(IngestLedger.fingerprint(s.size(), s.sha256()))) {
        reports.add(new FileReport(f.uri(), f.declaredType(), "skipped: already ingested", s.size(), s.sha256(),
            s.lines(), 0, 0, 0, 0, 0));
      } else if (!seen.add(IngestLedger.fingerprint(s.size(), s.sha256()))) {
        reports.add(new FileReport(f.uri(), f.declaredType(), "skipped: same content as another input", s.size(),
            s.sha256(), s.lines(), 0, 0, 0, 0, 0));
      } else {
        todo.add(s);
      }
    }
    String batchId = batchId(now, todo);
    BatchContext ctx = new BatchContext(batchId, opt.source(), now, inputs.transactionTime(), opt.maxLineBytes());

    // Biggest chunks first, so the last tasks to start are short ones.
    List<Chunk> chunks = new ArrayList<>();
    for (FileScan s : todo) {
      chunks.addAll(s.chunks());
    }
    chunks.sort(Comparator.comparingLong(Chunk::length).reversed());
    List<Chunk> indexed = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      indexed.add(new Chunk(i, c.file(), c.start(), c.end(), c.firstLine(), c.lines()));
    }
    long totalBytes = indexed.stream().mapToLong(Chunk::length).sum();

    Map<Integer, ChunkStats> stats = new HashMap<>();
    long tBronze = System.nanoTime();
    long tQuarantine = tBronze;
    if (!indexed.isEmpty()) {
      // Pass 2: resources into bronze.
      CollectionAccumulator<ChunkStats> acc = jsc.sc().collectionAccumulator("chunk-stats");
      List<List<Chunk>> tasks = ChunkBins.pack(indexed, ChunkBins.count(indexed, jsc.defaultParallelism(), chunkBytes));
      long[] partBytes = tasks.stream().mapToLong(t -> t.stream().mapToLong(Chunk::length).sum()).toArray();
      try (ProgressListener p = new ProgressListener(lh.spark().sparkContext(), "bronze", partBytes, opt.out());
          ProjectionMode.Scope mode = ProjectionMode.generatedFor(lh.spark(), totalBytes)) {
        JavaRDD<InternalRow> rows = jsc.parallelize(tasks, tasks.size()).mapPartitions(it -> new ChunkSequence(
            it.next(), c -> new ChunkReader(c, ctx, ChunkReader.Emit.BRONZE, conf.get(), acc::add)));
        Dataset<Row> df = InternalFrames.of(lh.spark(), rows, BronzeSchemas.FHIR_RESOURCE);
        lh.create(Tables.FHIR_RESOURCE, BronzeSchemas.FHIR_RESOURCE, BronzeSchemas.FHIR_RESOURCE_PROPERTIES, "resource_type");
        lh.append(Tables.FHIR_RESOURCE, df, "resource_type");
      }
      for (ChunkStats s : acc.value()) {
        stats.put(s.chunk(), s);
      }
      if (stats.size() != indexed.size()) {
        throw new IllegalStateException("only " + stats.size() + " of " + indexed.size() + " chunks reported");
      }

      tQuarantine = System.nanoTime();
      // Pass 3: rejected lines into quarantine, re-reading only the chunks that had any.
      List<Chunk> bad = indexed.stream().filter(c -> stats.get(c.index()).quarantined() > 0).toList();
      if (!bad.isEmpty()) {
        JavaRDD<InternalRow> rejects = jsc.parallelize(bad, bad.size()).mapPartitions(it ->
            new ChunkReader(it.next(), ctx, ChunkReader.Emit.QUARANTINE, conf.get(), s -> { }));
        lh.append(Tables.QUARANTINE_INPUT, InternalFrames.of(lh.spark(), rejects, BronzeSchemas.QUARANTINE_INPUT));
      }
    }
    if (!unreadable.isEmpty()) {
      // A file that cannot be read at all is one quarantined unit with no line.
      List<Row> rows = unreadable.stream().map(u -> RowFactory.create(batchId, KIND, opt.source(), u.file().uri(),
          null, null, null, QuarantineReason.UNREADABLE_FILE.code(), u.error(), null, now)).toList();
      lh.append(Tables.QUARANTINE_INPUT, lh.spark().createDataFrame(rows, BronzeSchemas.QUARANTINE_INPUT));
    }

    long tLedger = System.nanoTime();
    // Per-file reconciliation, then the ledger commit that makes the batch complete.
    Map<String, List<ChunkStats>> byFile = new LinkedHashMap<>();
    for (Chunk c : indexed) {
      byFile.computeIfAbsent(c.file().uri(), k -> new ArrayList<>()).add(stats.get(c.index()));
    }
    List<Row> ledger = new ArrayList<>();
    Timestamp committed = Timestamp.from(Instant.now());
    for (FileScan s : todo) {
      List<ChunkStats> cs = byFile.getOrDefault(s.file().uri(), List.of());
      FileReport r = new FileReport(s.file().uri(), s.file().declaredType(), "ingested", s.size(), s.sha256(), s.lines(),
          sum(cs, ChunkStats::accepted), sum(cs, ChunkStats::quarantined), sum(cs, ChunkStats::blank),
          sum(cs, ChunkStats::tombstones), sum(cs, ChunkStats::typeMismatches));
      if (!r.reconciles()) {
        throw new IllegalStateException("counts do not reconcile for " + r.file() + ": " + r);
      }
      reports.add(r);
      ledger.add(RowFactory.create(batchId, KIND, opt.source(), r.file(), r.size(), r.sha256(), r.declaredType(),
          r.lines(), r.accepted(), r.quarantined(), r.blank(), r.tombstones(), r.typeMismatches(), now, committed, 0L));
    }
    IngestLedger.commit(lh, ledger);
    lh.attachViews();
    long tEnd = System.nanoTime();
    opt.out().printf(java.util.Locale.ROOT, "  timings: fingerprint %.1f s, ledger check %.1f s, bronze %.1f s, "
        + "quarantine %.1f s, commit %.1f s%n", (tScan - t0) / 1e9, (tBronze - tScan) / 1e9, (tQuarantine - tBronze) / 1e9,
        (tLedger - tQuarantine) / 1e9, (tEnd - tLedger) / 1e9);
    return new IngestResult(batchId, reports, totalBytes, (System.nanoTime() - t0) / 1e9);
  }

  private static long sum(List<ChunkStats> cs, java.util.function.ToLongFunction<ChunkStats> f) {
    return cs.stream().mapToLong(f).sum();
  }

  private static long[] sizes(List<InputFile> files, HadoopConf conf) {
    long[] out = new long[Math.max(1, files.size())];
    for (int i = 0; i < files.size(); i++) {
      try {
        var p = new org.apache.hadoop.fs.Path(files.get(i).uri());
        out[i] = p.getFileSystem(conf.get()).getFileStatus(p).getLen();
      } catch (IOException e) {
        out[i] = 0;
      }
    }
    return out;
  }

  /** Sortable by time, unique by content: {@code 20261126T130501Z-1a2b3c4d}. */
  private String batchId(Timestamp now, List<FileScan> todo) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(opt.source().getBytes(StandardCharsets.UTF_8));
      for (FileScan s : todo.stream().sorted(Comparator.comparing(FileScan::sha256)).collect(Collectors.toList())) {
        md.update(s.sha256().getBytes(StandardCharsets.UTF_8));
      }
      md.update(Long.toString(now.getTime()).getBytes(StandardCharsets.UTF_8));
      String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now.toInstant());
      return time + "-" + Bytes.hex(md.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
