package org.carelake.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.carelake.ingestion.fhir.ChunkStats;
import org.carelake.ingestion.fhir.InputFile;
import org.carelake.ingestion.fhir.InputRole;
import org.carelake.ingestion.fhir.NdjsonDryRun;

/**
 * Single-thread throughput of bronze's per-line work (split, UTF-8 check, header parse, SHA-256, row build) without
 * Spark: the ceiling of what one core can feed the Parquet writer. Prints one line per round; the first rounds warm
 * the JIT.
 *
 * <p>{@code bench/parse-throughput.sh NDJSON_DIR [ROUNDS]}
 */
public final class ParseThroughput {
  private ParseThroughput() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: ParseThroughput NDJSON_DIR [ROUNDS]");
      System.exit(2);
    }
    File dir = new File(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    File[] files = dir.listFiles((d, n) -> n.endsWith(".ndjson") || n.endsWith(".ndjson.gz"));
    if (files == null || files.length == 0) {
      System.err.println("no .ndjson files in " + dir);
      System.exit(2);
    }
    Arrays.sort(files);
    List<InputFile> inputs = new ArrayList<>();
    long bytes = 0;
    for (File f : files) {
      inputs.add(new InputFile(f.toURI().toString(), null, InputRole.RESOURCES));
      bytes += f.length();
    }
    Configuration conf = new Configuration();
    for (int round = 1; round <= rounds; round++) {
      long t0 = System.nanoTime();
      long lines = 0;
      long accepted = 0;
      for (InputFile in : inputs) {
        ChunkStats s = NdjsonDryRun.read(in, conf);
        lines += s.lines();
        accepted += s.accepted();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %d lines (%d accepted), %.1f MB in %.2f s = %.1f MB/s, %.0f resources/s%n",
          round, lines, accepted, bytes / 1e6, secs, bytes / 1e6 / secs, accepted / secs);
    }
  }
}
