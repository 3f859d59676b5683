package org.carelake.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an HL7 v2 batch-ingest workload: MESSAGES realistic lab and ADT messages (see {@link SampleMessages}),
 * CR-terminated, spread over FILES files as a feed's daily drops would be.
 *
 * <pre>Hl7FeedFiles OUT_DIR MESSAGES FILES</pre>
 */
public final class Hl7FeedFiles {
  private Hl7FeedFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: Hl7FeedFiles OUT_DIR MESSAGES FILES");
      System.exit(2);
    }
    Path out = Files.createDirectories(Path.of(args[0]));
    int messages = Integer.parseInt(args[1]);
    int files = Integer.parseInt(args[2]);
    long bytes = 0;
    for (int f = 0; f < files; f++) {
      Path p = out.resolve(String.format("feed-%03d.hl7", f));
      try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.ISO_8859_1)) {
        for (int i = f; i < messages; i += files) {
          String m = SampleMessages.message(i, "B" + i);
          w.write(m);
          bytes += m.length();
        }
      }
    }
    System.out.printf("%d messages, %d files, %.1f MB in %s%n", messages, files, bytes / 1e6, out);
  }
}
