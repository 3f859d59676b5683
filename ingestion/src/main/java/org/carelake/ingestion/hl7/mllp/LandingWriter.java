package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The write-ahead landing log of one listener, with group commit. Connection threads hand frames over (a lock-free
 * queue) and wait on a future; one flusher thread takes every frame pending at that moment, appends them to the
 * current {@code .open} file in one gathering write, fsyncs once, and then completes their futures. So a connection
 * acknowledges a message only after its bytes are on disk, and concurrent connections share one write and one fsync.
 * The flusher alone owns the files: it also seals them (rename to {@code .mllp}) when they reach their size or age,
 * and at close.
 *
 * <p>Needs a local filesystem with working fsync: {@link FileChannel#force} is the durability point.
 */
public final class LandingWriter implements AutoCloseable {
  private final Path dir;
  private final long rotateBytes;
  private final long rotateAgeNanos;
  private final Consumer<String> log;
  private final String runTag = LandingDir.newRunTag();
  private final FileChannel lockChannel;
  private final FileLock dirLock;
  private final List<LandingRecovery.Recovered> recovered;
  private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
  private final Thread flusher;
  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong sealed = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile boolean closing;
  private volatile boolean closed;

  // Owned by the flusher thread.
  private OpenFile current;
  private long sequence;
  private boolean dirSyncPending;

  private record Frame(byte[] bytes, int off, int len, CompletableFuture<Void> durable) {}

  /** A file being appended to: its frames written since its last fsync wait in {@code waiting}. */
  private static final class OpenFile {
    final FileChannel channel;
    final Path path;
    final long openedAt = System.nanoTime();
    long size;
    final List<ByteBuffer> unwritten = new ArrayList<>();
    final List<CompletableFuture<Void>> waiting = new ArrayList<>();

    OpenFile(FileChannel channel, Path path) {
      this.channel = channel;
      this.path = path;
    }
  }

  private LandingWriter(Path dir, long rotateBytes, Duration rotateAge, Consumer<String> log, FileChannel lockChannel,
      FileLock dirLock, List<LandingRecovery.Recovered> recovered) {
    this.dir = dir;
    this.rotateBytes = rotateBytes;
    this.rotateAgeNanos = rotateAge.toNanos();
    this.log = log;
    this.lockChannel = lockChannel;
    this.dirLock = dirLock;
    this.recovered = recovered;
    this.flusher = new Thread(this::flushLoop, "mllp-landing-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Opens the directory for writing: creates it, takes its lock (one listener per directory), and recovers the
   * {@code .open} files a crash left.
   */
  public static LandingWriter open(Path dir, long rotateBytes, Duration rotateAge, Consumer<String> log)
      throws IOException {
    Files.createDirectories(dir);
    FileChannel lc = FileChannel.open(dir.resolve(LandingDir.LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lc.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lc.close();
      throw new IOException("another listener is writing " + dir + " (it holds " + LandingDir.LOCK + ")");
    }
    try {
      List<LandingRecovery.Recovered> rec = LandingRecovery.recover(dir);
      for (LandingRecovery.Recovered r : rec) {
        log.accept(r.sealed() == null ? "recovered an empty landing file left by a crash: removed"
            : "recovered " + r.sealed().getFileName() + ": " + r.frames() + " frame(s) kept"
                + (r.cutBytes() > 0 ? ", " + r.cutBytes() + " byte(s) of an unacknowledged torn tail cut" : ""));
      }
      return new LandingWriter(dir, rotateBytes, rotateAge, log, lc, lock, rec);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lc.close();
      throw e;
    }
  }

  public Path dir() {
    return dir;
  }

  /** The files recovery sealed when this writer opened. */
  public List<LandingRecovery.Recovered> recovered() {
    return recovered;
  }

  public long fsyncs() {
    return fsyncs.get();
  }

  public long sealedFiles() {
    return sealed.get();
  }

  public long bytes() {
    return bytes.get();
  }

  /**
   * Appends one whole frame (the array must not change afterwards) and returns the future that completes once it is
   * durable, or fails; then the frame must not be acknowledged.
   */
  public CompletableFuture<Void> append(byte[] frame, int off, int len) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (closing) {
      f.completeExceptionally(new IOException("the landing writer is closed"));
      return f;
    }
    queue.add(new Frame(frame, off, len, f));
    LockSupport.unpark(flusher);
    if (closed) {
      // Raced with close(): the flusher may be gone; nobody else will answer what is left.
      failQueued();
    }
    return f;
  }

  private void flushLoop() {
    while (true) {
      Frame first = queue.poll();
      if (first == null) {
        if (closing && queue.isEmpty()) {
          if (current != null) {
            seal(current, new ArrayList<>());
          }
          closed = true;
          failQueued();
          return;
        }
        if (current != null && System.nanoTime() - current.openedAt >= rotateAgeNanos) {
          seal(current, new ArrayList<>());
          syncDirectoryQuietly();
          continue;
        }
        // A permit from append() makes this return at once: no wake-up is lost between poll() and here.
        LockSupport.parkNanos(this, current == null ? 1_000_000_000L
            : Math.max(100_000L, current.openedAt + rotateAgeNanos - System.nanoTime()));
        continue;
      }
      commit(first);
    }
  }

  /** One group commit: every frame queued now, in one write and one fsync per file; then the waiters go. */
  private void commit(Frame first) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    if (current != null && System.nanoTime() - current.openedAt >= rotateAgeNanos) {
      // Under steady traffic the queue is never empty: rotation by age happens here.
      seal(current, done);
    }
    for (Frame f = first; f != null; f = queue.poll()) {
      try {
        if (current != null && current.size > 0 && current.size + f.len() > rotateBytes) {
          seal(current, done);
        }
        if (current == null) {
          current = openNext();
        }
      } catch (IOException e) {
        log.accept("landing: cannot create a landing file in " + dir + ": " + e);
        f.durable().completeExceptionally(e);
        continue;
      }
      current.unwritten.add(ByteBuffer.wrap(f.bytes(), f.off(), f.len()));
      current.waiting.add(f.durable());
      current.size += f.len();
      bytes.addAndGet(f.len());
    }
    if (current != null && syncFile(current)) {
      done.addAll(current.waiting);
      current.waiting.clear();
    }
    if (dirSyncPending) {
      try {
        syncDirectory(dir);
        dirSyncPending = false;
      } catch (IOException e) {
        log.accept("landing: fsync of directory " + dir + " failed, its pending messages are not acknowledged: " + e);
        fail(done, e);
        return;
      }
    }
    for (CompletableFuture<Void> f : done) {
      f.complete(null);
    }
  }

  private OpenFile openNext() throws IOException {
    Path p = dir.resolve(LandingDir.newName(Instant.now(), runTag, ++sequence) + LandingDir.OPEN);
    OpenFile f = new OpenFile(FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), p);
    // The new name must be durable too before anything in the file is acknowledged.
    dirSyncPending = true;
    return f;
  }

  /**
   * Writes the file's pending frames and fsyncs it (fdatasync: the data and the size, all a reader needs). On failure
   * its waiters fail and the file is given up (sealed as it is): frames are never written after a failure.
   */
  private boolean syncFile(OpenFile f) {
    long start = f.size - remaining(f.unwritten);
    try {
      // The channel's position is the end of its last whole frame: files are only appended to (or cut back).
      ByteBuffer[] bufs = f.unwritten.toArray(new ByteBuffer[0]);
      while (remaining(f.unwritten) > 0) {
        f.channel.write(bufs);
      }
      f.unwritten.clear();
      f.channel.force(false);
      fsyncs.incrementAndGet();
      return true;
    } catch (IOException e) {
      log.accept("landing: writing or syncing " + f.path + " failed, its pending messages are not acknowledged: " + e);
      fail(f.waiting, e);
      f.waiting.clear();
      f.unwritten.clear();
      try {
        // Cut a partly written frame so that the sealed file ends with a whole one.
        f.channel.truncate(start);
        f.size = start;
      } catch (IOException cut) {
        log.accept("landing: could not cut " + f.path + " back to its last whole frame: " + cut);
      }
      if (f == current) {
        seal(f, new ArrayList<>());
      }
      return false;
    }
  }

  private static long remaining(List<ByteBuffer> bufs) {
    long n = 0;
    for (ByteBuffer b : bufs) {
      n += b.remaining();
    }
    return n;
  }

  /** Syncs the file, closes it and renames it to its sealed name; its waiters move to {@code done}. */
  private void seal(OpenFile f, List<CompletableFuture<Void>> done) {
    if (f == current) {
      current = null;
    }
    if ((!f.unwritten.isEmpty() || !f.waiting.isEmpty()) && syncFile(f)) {
      done.addAll(f.waiting);
      f.waiting.clear();
    }
    try {
      f.channel.close();
      Files.move(f.path, LandingDir.sealedName(f.path), StandardCopyOption.ATOMIC_MOVE);
      sealed.incrementAndGet();
      dirSyncPending = true;
    } catch (IOException e) {
      log.accept("landing: could not seal " + f.path + " (the next start recovers it): " + e);
    }
  }

  private void syncDirectoryQuietly() {
    try {
      syncDirectory(dir);
      dirSyncPending = false;
    } catch (IOException e) {
      log.accept("landing: fsync of directory " + dir + " failed: " + e);
    }
  }

  private static void fail(List<CompletableFuture<Void>> waiters, IOException e) {
    for (CompletableFuture<Void> w : waiters) {
      w.completeExceptionally(e);
    }
  }

  private void failQueued() {
    IOException gone = new IOException("the landing writer is closed");
    for (Frame f = queue.poll(); f != null; f = queue.poll()) {
      f.durable().completeExceptionally(gone);
    }
  }

  /** Makes the directory's entries (new and renamed files) durable; a no-op where directories cannot be opened. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // Windows: directories cannot be opened; NTFS journals the metadata itself.
    }
  }

  /** Makes every appended frame durable, seals the current file and releases the directory. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    LockSupport.unpark(flusher);
    boolean interrupted = false;
    while (flusher.isAlive()) {
      try {
        flusher.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    syncDirectoryQuietly();
    try {
      dirLock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.accept("landing: could not release the lock of " + dir + ": " + e);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
