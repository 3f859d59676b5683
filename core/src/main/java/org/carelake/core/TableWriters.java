package org.carelake.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one piece of work per table, a few tables at a time: writes to independent Delta tables are mostly waiting
 * on commits, not computing, so running them side by side shortens a step without adding Spark work.
 */
public final class TableWriters {
  /** Tables written at once. */
  public static final int DEFAULT_THREADS = 4;

  private TableWriters() {}

  /** Applies {@code work} to each item, {@code threads} at a time; results in the items' order. */
  public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> work) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing tables", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
