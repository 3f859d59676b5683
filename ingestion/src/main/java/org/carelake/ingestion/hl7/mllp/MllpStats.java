package org.carelake.ingestion.hl7.mllp;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a running listener; cheap to update from every connection thread. */
public final class MllpStats {
  final LongAdder messages = new LongAdder();
  final LongAdder accepted = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder notStored = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder replies = new LongAdder();
  final LongAdder connectionsTotal = new LongAdder();
  final LongAdder refused = new LongAdder();
  final AtomicInteger connections = new AtomicInteger();

  /**
   * The counters at one moment.
   *
   * @param messages whole frames received
   * @param accepted messages made durable and accepted (AA/CA, or nothing when the sender asked for none)
   * @param rejected messages answered AE/AR/CE/CR (landed too, except over-long or NUL-holding ones)
   * @param notStored rejected messages that were not landed
   * @param failed messages that could not be made durable: no answer, the connection was closed
   * @param replies acknowledgments sent
   * @param connections open connections
   * @param connectionsTotal connections accepted since the start
   * @param refused connections closed at once because the connection limit was reached
   */
  public record Snapshot(long messages, long accepted, long rejected, long notStored, long failed, long replies,
      int connections, long connectionsTotal, long refused) {}

  public Snapshot snapshot() {
    return new Snapshot(messages.sum(), accepted.sum(), rejected.sum(), notStored.sum(), failed.sum(), replies.sum(),
        connections.get(), connectionsTotal.sum(), refused.sum());
  }

  /** One stats line: totals, and the rate since {@code before}, taken {@code seconds} earlier. */
  public static String line(Snapshot before, Snapshot now, double seconds) {
    double rate = (now.messages() - before.messages()) / Math.max(1e-3, seconds);
    return String.format(Locale.ROOT, "messages %d (%.0f msg/s), acked %d, rejected %d%s, connections %d",
        now.messages(), rate, now.accepted(), now.rejected(),
        now.failed() > 0 ? ", not durable (unanswered) " + now.failed() : "", now.connections());
  }
}
