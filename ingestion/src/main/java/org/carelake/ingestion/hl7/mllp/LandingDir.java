package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.carelake.core.CarelakeConfig;
import org.carelake.ingestion.hl7.LandingNames;

/**
 * The landing contract between the MLLP listener and the batch ingest.
 *
 * <p>The listener writes MLLP-framed captures ({@code 0x0B message 0x1C 0x0D}, one frame per received message, in
 * arrival order) to {@code <lakehouse>/landing/hl7/<source>/}. A file being written is named {@code *.mllp.open}; it
 * is renamed atomically to {@code *.mllp} once complete and fsynced, and never changes again. Names start with the
 * UTC creation time, so they sort by time: {@code 20261126T230501123Z-<random8>-000001.mllp}. Readers take only
 * {@link #SEALED} files; an {@code .open} file belongs to a running listener (or to a crashed one, and is sealed by
 * the next start).
 */
public final class LandingDir {
  /** Suffix of a complete, immutable landing file: the only files the batch ingest reads. */
  public static final String SEALED = LandingNames.SEALED;
  /** Suffix of the file a listener is appending to. */
  public static final String OPEN = LandingNames.OPEN;
  /** Held (an OS file lock) by the one listener that writes the directory. */
  static final String LOCK = ".listener.lock";

  private static final SecureRandom RANDOM = new SecureRandom();

  private LandingDir() {}

  /** {@code <lakehouse>/landing/hl7/<source>}. */
  public static Path of(Path lakehouseRoot, String source) {
    if (source == null || !source.matches("[A-Za-z0-9_.:-]+") || source.startsWith(".")) {
      throw new IllegalArgumentException("source takes letters, digits and _ . : - only: '" + source + "'");
    }
    return lakehouseRoot.resolve(LandingNames.FOLDER).resolve(source);
  }

  /**
   * The local directory of a lakehouse root given as a path or a {@code file:} URI. The listener fsyncs before every
   * acknowledgment, which needs a local disk: any other filesystem is refused with an explanation.
   */
  public static Path localRoot(String lakehouseRoot) {
    Path local = CarelakeConfig.localDirectory(lakehouseRoot);
    if (local != null) {
      return local;
    }
    if (lakehouseRoot.regionMatches(true, 0, "file:", 0, 5)) {
      throw new IllegalArgumentException("the lakehouse " + lakehouseRoot + " names another host; the MLLP listener "
          + "needs a local directory");
    }
    throw new IllegalArgumentException("the MLLP listener lands messages on a local disk (it fsyncs each message "
        + "before acknowledging it), but the lakehouse is " + lakehouseRoot + "; run it with --lakehouse set to a "
        + "local directory and copy the sealed landing/hl7 files to the lakehouse");
  }

  /** The sealed landing files of a directory, oldest first (by name); empty when the directory does not exist. */
  public static List<Path> sealedFiles(Path dir) throws IOException {
    return list(dir, "*" + SEALED);
  }

  /** Files still being written, or left by a crash. */
  public static List<Path> openFiles(Path dir) throws IOException {
    return list(dir, "*" + OPEN);
  }

  /** True when a reader may take this file. */
  public static boolean isSealed(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(SEALED) && !n.startsWith(".");
  }

  /** The name of a new landing file (without suffix): UTC time, random run tag, sequence number. */
  static String newName(Instant now, String runTag, long sequence) {
    return LandingNames.STAMP.format(now) + "-" + runTag + "-" + String.format(Locale.ROOT, "%06d", sequence);
  }

  /** Eight random lowercase hex digits: tells apart files of listeners started in the same millisecond. */
  static String newRunTag() {
    return String.format(Locale.ROOT, "%08x", RANDOM.nextInt());
  }

  static Path sealedName(Path open) {
    String n = open.getFileName().toString();
    return open.resolveSibling(n.substring(0, n.length() - OPEN.length()) + SEALED);
  }

  private static List<Path> list(Path dir, String glob) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      for (Path p : ds) {
        if (!p.getFileName().toString().startsWith(".")) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
