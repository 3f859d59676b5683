package org.carelake.ingestion.fhir.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.carelake.core.Bytes;

/**
 * Export jobs in the lakehouse: {@code <root>/_exports/<job>/job.json} (the state, replaced atomically), the server's
 * manifest, and the downloaded files under {@code files/}. Downloads land in a local partial file first (appending
 * and HTTP Range need a local file; object stores cannot append): inside the job folder when the lakehouse is local,
 * else under the temp directory. A finished file is then moved or copied into the lakehouse.
 */
public final class ExportJobStore {
  static final String DIR = "_exports";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path root;
  private final FileSystem fs;
  private final java.nio.file.Path localRoot;
  private final java.nio.file.Path stagingRoot;

  public ExportJobStore(String lakehouseRoot, Configuration conf) {
    this.root = new Path(lakehouseRoot + "/" + DIR);
    try {
      FileSystem f = root.getFileSystem(conf);
      // Locally, the checksummed filesystem renames a file and its .crc in two steps: another process reading
      // job.json in between sees a checksum error. The raw one renames in one POSIX step and writes no .crc.
      this.fs = f instanceof LocalFileSystem lfs ? lfs.getRaw() : f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + root, e);
    }
    boolean local = fs instanceof RawLocalFileSystem;
    this.localRoot = local ? java.nio.file.Path.of(fs.makeQualified(root).toUri()) : null;
    this.stagingRoot = local ? localRoot : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
        "carelake-export", shortHash(lakehouseRoot));
  }

  /** {@code 20261126T130501Z-1a2b3c4d}: sortable by time, unique enough per lakehouse. */
  static String newId(ExportRequest request) {
    Instant now = Instant.now();
    return ID_TIME.format(now) + "-" + shortHash(request.key() + now + System.nanoTime());
  }

  public Path jobDir(String id) {
    return new Path(root, id);
  }

  /** The job as last saved, or null. */
  public ExportJob read(String id) {
    Path dir = jobDir(id);
    for (String name : List.of("job.json", "job.json.tmp")) {
      try (InputStream in = fs.open(new Path(dir, name))) {
        return MAPPER.readValue(in, ExportJob.class);
      } catch (FileNotFoundException e) {
        continue;
      } catch (IOException e) {
        if (name.equals("job.json")) {
          throw new UncheckedIOException("cannot read " + new Path(dir, name), e);
        }
      }
    }
    return null;
  }

  /**
   * Saves the job atomically (a temp file renamed over the old one). A job the user cancelled meanwhile stays
   * cancelled: the save fails with {@link ExportCancelledException}.
   */
  public synchronized ExportJob save(ExportJob job) {
    if (job.state() != JobState.CANCELLED) {
      ExportJob current = read(job.id());
      if (current != null && current.state() == JobState.CANCELLED) {
        throw new ExportCancelledException(job.id());
      }
    }
    Path dir = jobDir(job.id());
    Path tmp = new Path(dir, "job.json.tmp");
    Path dst = new Path(dir, "job.json");
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        MAPPER.writeValue(out, job);
      }
      // POSIX rename replaces the target in one step; HDFS refuses to, so there the old file goes first (a reader
      // that finds no job.json reads the complete job.json.tmp instead).
      if (!fs.rename(tmp, dst)) {
        fs.delete(dst, false);
        if (!fs.rename(tmp, dst)) {
          throw new IOException("cannot rename " + tmp + " to " + dst);
        }
      }
      return job;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save export job " + job.id(), e);
    }
  }

  /** Every job, newest first. */
  public List<ExportJob> list() {
    List<ExportJob> jobs = new ArrayList<>();
    try {
      if (!fs.exists(root)) {
        return jobs;
      }
      for (FileStatus st : fs.listStatus(root)) {
        if (st.isDirectory()) {
          ExportJob j = read(st.getPath().getName());
          if (j != null) {
            jobs.add(j);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    jobs.sort(Comparator.comparing(ExportJob::id).reversed());
    return jobs;
  }

  /** The newest unfinished job that a re-run of the same command continues, or null. */
  public ExportJob findUnfinished(ExportRequest request, String sinceSpec, String source) {
    return list().stream().filter(j -> !j.state().finished() && j.continues(request, sinceSpec, source))
        .findFirst().orElse(null);
  }

  /** Where a file's bytes gather until it is complete (always local). */
  public java.nio.file.Path partial(ExportJob job, ExportFile f) {
    return stagingRoot.resolve(job.id()).resolve("partial").resolve(f.name());
  }

  /** Where a complete file lives in the lakehouse. */
  public Path stored(ExportJob job, ExportFile f) {
    return new Path(jobDir(job.id()), "files/" + f.name());
  }

  /** True when the complete file is in the lakehouse with the size recorded for it. */
  public boolean isStored(ExportJob job, ExportFile f) {
    try {
      Path p = stored(job, f);
      return f.done() && f.size() != null && fs.exists(p) && fs.getFileStatus(p).getLen() == f.size();
    } catch (IOException e) {
      return false;
    }
  }

  /** Moves (local lakehouse) or copies (any other filesystem) a complete partial file into the lakehouse. */
  public void promote(java.nio.file.Path partial, Path dest) throws IOException {
    if (localRoot != null) {
      java.nio.file.Path target = java.nio.file.Path.of(fs.makeQualified(dest).toUri());
      Files.createDirectories(target.getParent());
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } else {
      fs.copyFromLocalFile(true, true, new Path(partial.toUri()), dest);
    }
  }

  /** Writes a small text file into the job folder (manifests), replacing it. */
  public Path writeText(String jobId, String name, String text) {
    Path p = new Path(jobDir(jobId), name);
    try (OutputStream out = fs.create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  public InputStream open(Path p) throws IOException {
    return fs.open(p);
  }

  /** Drops a cancelled job's downloads (partial and complete); job.json stays as the record. */
  public void discardDownloads(ExportJob job) {
    try {
      fs.delete(new Path(jobDir(job.id()), "files"), true);
      java.nio.file.Path staging = stagingRoot.resolve(job.id()).resolve("partial");
      if (Files.exists(staging)) {
        try (var walk = Files.walk(staging)) {
          for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the downloads of export job " + job.id(), e);
    }
  }

  /** A file name for a manifest entry: {@code output/Patient.000.ndjson}. */
  static String fileName(String role, String type, int index) {
    String t = type == null ? "" : type.replaceAll("[^A-Za-z]", "");
    return role + "/" + (t.isEmpty() ? "Resource" : t) + "." + String.format(Locale.ROOT, "%03d", index) + ".ndjson";
  }

  private static String shortHash(String s) {
    try {
      return Bytes.hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
