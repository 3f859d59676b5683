package org.carelake.core;

import java.io.PrintStream;
import java.util.BitSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reports progress of one unit of work whose Spark partitions each cover a known number of bytes: partitions done,
 * bytes, throughput and ETA, at most every couple of seconds. It counts only tasks of the jobs started under its own
 * job group, so Delta's internal jobs do not distort the figures.
 */
public final class ProgressListener extends SparkListener implements AutoCloseable {
  private static final long INTERVAL_NANOS = 2_000_000_000L;

  private final SparkContext sc;
  private final String group;
  private final String label;
  private final long[] partitionBytes;
  private final long totalBytes;
  private final PrintStream out;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final BitSet done = new BitSet();
  private final long startNanos = System.nanoTime();
  private long doneBytes;
  private long lastPrint = System.nanoTime();

  public ProgressListener(SparkContext sc, String label, long[] partitionBytes, PrintStream out) {
    this.sc = sc;
    this.label = label;
    this.partitionBytes = partitionBytes.clone();
    long t = 0;
    for (long b : partitionBytes) {
      t += b;
    }
    this.totalBytes = t;
    this.out = out;
    this.group = "carelake-" + label.replaceAll("[^a-zA-Z0-9]", "-") + "-" + System.nanoTime();
    sc.setJobGroup(group, label, false);
    sc.addSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    Object g = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.jobGroup.id");
    if (group.equals(g)) {
      for (StageInfo s : CollectionConverters.asJava(jobStart.stageInfos())) {
        if (s.numTasks() == partitionBytes.length) {
          stages.add(s.stageId());
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!stages.contains(taskEnd.stageId()) || !taskEnd.taskInfo().successful()) {
      return;
    }
    int index = taskEnd.taskInfo().index();
    synchronized (this) {
      if (index < partitionBytes.length && !done.get(index)) {
        done.set(index);
        doneBytes += partitionBytes[index];
      }
      long now = System.nanoTime();
      if (now - lastPrint >= INTERVAL_NANOS) {
        lastPrint = now;
        out.println(line(now));
      }
    }
  }

  private String line(long now) {
    double secs = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = doneBytes / secs;
    String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (totalBytes - doneBytes) / rate) : "?";
    return String.format(Locale.ROOT, "  %s: %d/%d parts, %s of %s, %s/s, ETA %s", label, done.cardinality(),
        partitionBytes.length, Bytes.human(doneBytes), Bytes.human(totalBytes), Bytes.human((long) rate), eta);
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
    sc.clearJobGroup();
  }
}
