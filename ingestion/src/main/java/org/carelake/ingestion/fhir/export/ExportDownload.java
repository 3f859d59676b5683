package org.carelake.ingestion.fhir.export;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.carelake.core.Bytes;

/**
 * The Bulk Data protocol up to complete files in the lakehouse, with no Spark: kick-off, status polling (Retry-After
 * and X-Progress honoured, a doubling wait otherwise), the manifest, parallel downloads that continue partial files,
 * and cancel. Every step is recorded in the job file first, so a crash at any point loses at most a partial file's
 * unsynced tail.
 */
public final class ExportDownload {
  /** How to poll and download. */
  public record Settings(int parallel, Duration pollInitial, Duration pollMax, Duration maxWait, PrintStream out,
      long progressMillis) {
    public static Settings defaults(PrintStream out) {
      return new Settings(4, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofHours(24), out, 2000);
    }
  }

  private static final String FHIR_JSON = "application/fhir+json";

  private final ExportJobStore store;
  private final BulkHttp http;
  private final Settings settings;

  public ExportDownload(ExportJobStore store, BulkHttp http, Settings settings) {
    this.store = store;
    this.http = http;
    this.settings = settings;
  }

  /** Starts an export on the server and records it; returns the job in state POLLING. */
  public ExportJob kickOff(ExportRequest request, String sinceSpec, String source) {
    URI uri = request.kickOffUri();
    BulkHttp.Reply r = http.call("kick-off", "GET", uri, Map.of("Accept", FHIR_JSON, "Prefer", "respond-async"), null,
        true);
    if (r.status() != 202) {
      throw new BulkExportException(http.auth().redact("the FHIR server " + request.server() + " refused the export: "
          + "GET " + uri + " returned HTTP " + r.status() + BulkHttp.describe(r.body()) + authHint(r.status())),
          r.status(), null);
    }
    String location = r.header("Content-Location").orElseThrow(() -> new BulkExportException("the FHIR server "
        + request.server() + " accepted the export (GET " + uri + ") but sent no Content-Location status URL"));
    URI status = r.uri().resolve(location.strip());
    String now = Instant.now().toString();
    ExportJob job = store.save(new ExportJob(ExportJobStore.newId(request), request, sinceSpec, source,
        JobState.POLLING, uri.toString(), status.toString(), now, null, null, List.of(), null, now));
    settings.out().println("export " + job.id() + ": kicked off a " + request.describe());
    return job;
  }

  /** Takes a job from wherever it stands to DOWNLOADED: every file complete in the lakehouse. */
  public ExportJob complete(ExportJob job) {
    if (job.state() == JobState.POLLING) {
      job = acceptManifest(job, awaitManifest(job));
    }
    if (job.state() == JobState.DOWNLOADING) {
      job = downloadAll(job);
      job = store.save(job.withState(JobState.DOWNLOADED, null));
      release(job);
    }
    return job;
  }

  /** Cancels a job by id (see {@link #cancel(ExportJob)}). */
  public ExportJob cancel(String jobId) {
    ExportJob job = store.read(jobId);
    if (job == null) {
      throw new IllegalArgumentException("no export job '" + jobId + "' under " + store.jobDir(jobId).getParent());
    }
    return cancel(job);
  }

  /**
   * Cancels a job: it is marked cancelled first (so a process still working on it stops at its next step, whatever the
   * server answers it meanwhile), its downloads go, and the server gets a DELETE on the status URL while it holds the
   * export.
   */
  public ExportJob cancel(ExportJob job) {
    if (job.state().finished()) {
      throw new IllegalArgumentException("export job " + job.id() + " is already " + job.state().name()
          .toLowerCase(java.util.Locale.ROOT));
    }
    ExportJob cancelled = store.save(job.withState(JobState.CANCELLED, "cancelled by the user"));
    store.discardDownloads(cancelled);
    if (job.state() == JobState.POLLING || job.state() == JobState.DOWNLOADING) {
      URI status = URI.create(job.statusUrl());
      BulkHttp.Reply r = http.call("cancel", "DELETE", status, Map.of("Accept", FHIR_JSON), null, true);
      if (r.status() == 404 || r.status() == 410) {
        settings.out().println("note: the server no longer knows this export (HTTP " + r.status() + ")");
      } else if (!r.ok()) {
        throw new BulkExportException(http.auth().redact("export job " + job.id() + " is cancelled here, but the "
            + "FHIR server " + job.request().server() + " refused to cancel its export: DELETE " + status
            + " returned HTTP " + r.status() + BulkHttp.describe(r.body())), r.status(), null);
      }
    }
    settings.out().println("export " + job.id() + ": cancelled");
    return cancelled;
  }

  private String awaitManifest(ExportJob job) {
    URI status = URI.create(job.statusUrl());
    Instant deadline = Instant.now().plus(settings.maxWait());
    Duration wait = settings.pollInitial();
    String lastProgress = null;
    while (true) {
      ExportJob current = store.read(job.id());
      if (current != null && current.state() == JobState.CANCELLED) {
        throw new ExportCancelledException(job.id());
      }
      BulkHttp.Reply r = http.call("status request", "GET", status, Map.of("Accept", "application/json"), null, true);
      if (r.status() == 200) {
        return r.body();
      }
      if (r.status() == 202) {
        String progress = r.header("X-Progress").orElse(null);
        if (progress != null && !progress.equals(lastProgress)) {
          settings.out().println("  export in progress: " + progress);
          lastProgress = progress;
        }
        Duration d = r.header("Retry-After").map(v -> RetryPolicy.retryAfter(v, http.policy().maxRetryAfter()))
            .orElse(null);
        if (d == null) {
          d = wait;
          wait = wait.multipliedBy(2).compareTo(settings.pollMax()) > 0 ? settings.pollMax() : wait.multipliedBy(2);
        }
        if (Instant.now().plus(d).isAfter(deadline)) {
          throw new BulkExportException("the export at " + status + " is not complete after " + settings.maxWait()
              + "; run the same command again to keep waiting, or cancel it: carelake export cancel " + job.id());
        }
        http.sleep(d);
        continue;
      }
      // Any other answer ends the export on the server's side (spec: 4xx/5xx with an OperationOutcome).
      String why = "HTTP " + r.status() + BulkHttp.describe(r.body());
      store.save(job.withState(JobState.FAILED, why));
      throw new BulkExportException(http.auth().redact("the export failed on the FHIR server " + job.request().server()
          + ": GET " + status + " returned " + why + authHint(r.status())), r.status(), null);
    }
  }

  private ExportJob acceptManifest(ExportJob job, String body) {
    URI status = URI.create(job.statusUrl());
    store.writeText(job.id(), "server-manifest.json", body);
    ExportManifest m = ExportManifest.parse(body, status);
    for (int page = 2; m.next() != null; page++) {
      BulkHttp.Reply r = http.call("manifest page", "GET", m.next(), Map.of("Accept", "application/json"), null, true);
      if (r.status() != 200) {
        throw new BulkExportException("manifest page " + page + " (GET " + m.next() + ") returned HTTP " + r.status()
            + BulkHttp.describe(r.body()), r.status(), null);
      }
      store.writeText(job.id(), "server-manifest-" + page + ".json", r.body());
      m = m.plus(ExportManifest.parse(r.body(), m.next()));
    }
    if (m.transactionTime() == null) {
      settings.out().println("warning: the manifest has no transactionTime; '--since auto' cannot continue from this "
          + "export");
    }
    List<ExportFile> files = new ArrayList<>();
    Map<String, Integer> perRole = new java.util.HashMap<>();
    for (ExportManifest.Entry e : m.entries()) {
      int i = perRole.merge(e.role(), 1, Integer::sum) - 1;
      files.add(new ExportFile(e.role(), e.type(), e.url().toString(), ExportJobStore.fileName(e.role(), e.type(), i),
          e.count(), null, null, false));
    }
    ExportJob next = store.save(job.withManifest(m.transactionTime(), m.requiresAccessToken(), files));
    settings.out().printf("export %s: complete on the server (transactionTime %s): %d output, %d deleted, %d error "
            + "file(s)%n", job.id(), m.transactionTime(), count(files, ExportFile.OUTPUT),
        count(files, ExportFile.DELETED), count(files, ExportFile.ERROR));
    return next;
  }

  private ExportJob downloadAll(ExportJob start) {
    AtomicReference<ExportJob> job = new AtomicReference<>(start);
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < start.files().size(); i++) {
      if (!store.isStored(start, start.files().get(i))) {
        todo.add(i);
      }
    }
    int total = start.files().size();
    if (todo.size() < total) {
      settings.out().printf("  %d of %d file(s) already downloaded%n", total - todo.size(), total);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.parallel(), todo.size())), r -> {
      Thread t = new Thread(r, "carelake-export-download");
      t.setDaemon(true);
      return t;
    });
    try (DownloadProgress progress = new DownloadProgress(total, total - todo.size(), settings.out(),
        settings.progressMillis())) {
      FileDownloader downloader = new FileDownloader(http, progress);
      List<Future<?>> futures = new ArrayList<>();
      for (int i : todo) {
        futures.add(pool.submit(() -> {
          downloadOne(job, i, downloader);
          progress.fileDone();
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw failure(start, e.getCause());
        }
      }
      settings.out().println(progress.line().replace("  download:", "  downloaded:") + String.format(
          java.util.Locale.ROOT, " in %.1f s", progress.seconds()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BulkExportException("interrupted while downloading", 0, e);
    } finally {
      pool.shutdownNow();
    }
    return job.get();
  }

  private void downloadOne(AtomicReference<ExportJob> job, int index, FileDownloader downloader) throws IOException {
    ExportJob j = job.get();
    ExportFile f = j.files().get(index);
    URI url = URI.create(f.url());
    java.nio.file.Path partial = store.partial(j, f);
    FileDownloader.Result r = downloader.fetch(url, partial, sendToken(j, url));
    store.promote(partial, store.stored(j, f));
    synchronized (job) {
      job.set(store.save(job.get().withFile(index, f.finished(r.size(), r.sha256()))));
    }
    if (r.resumed()) {
      settings.out().println("  " + f.name() + ": continued a partial download, " + Bytes.human(r.size()));
    }
  }

  /** A failed download; when the job was cancelled meanwhile, that is the real story. */
  private RuntimeException failure(ExportJob job, Throwable cause) {
    ExportJob current = store.read(job.id());
    if (current != null && current.state() == JobState.CANCELLED) {
      return new ExportCancelledException(job.id());
    }
    if (cause instanceof RuntimeException re) {
      return re;
    }
    return new BulkExportException("download failed: " + cause, 0, cause);
  }

  /**
   * The manifest says whether files need the token; when it does not say, the token goes only to the server's own
   * origin, never to a storage host it delegates to.
   */
  private static boolean sendToken(ExportJob job, URI url) {
    if (job.requiresAccessToken() != null) {
      return job.requiresAccessToken();
    }
    return BulkHttp.sameOrigin(url, URI.create(job.request().server()));
  }

  /** Tells the server it may delete the files (spec: DELETE on the status URL after the download); best effort. */
  private void release(ExportJob job) {
    try {
      http.call("release", "DELETE", URI.create(job.statusUrl()), Map.of("Accept", FHIR_JSON), null, true);
    } catch (BulkExportException e) {
      settings.out().println("note: could not tell the server it may delete the export files: " + e.getMessage());
    }
  }

  private String authHint(int status) {
    if (status != 401 && status != 403) {
      return "";
    }
    return http.auth() == AccessTokenSource.NONE
        ? " (the server wants credentials: set CARELAKE_FHIR_TOKEN or the CARELAKE_SMART_* variables, see docs/export.md)"
        : " (check the credentials and the scope the client is allowed)";
  }

  private static long count(List<ExportFile> files, String role) {
    return files.stream().filter(f -> f.role().equals(role)).count();
  }
}
