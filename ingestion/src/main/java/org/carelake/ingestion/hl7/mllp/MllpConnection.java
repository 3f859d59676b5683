package org.carelake.ingestion.hl7.mllp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLSocket;

/**
 * One client connection: reads frames, lands each one, waits until it is durable, then answers. Frames a sender
 * pipelines (already buffered whole) are landed together before waiting, so they share an fsync; answers always go
 * out in the order of the messages.
 */
final class MllpConnection implements Runnable {
  private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
  private static final int MAX_PIPELINED = 64;
  private static final CompletableFuture<Void> NOT_LANDED = CompletableFuture.completedFuture(null);

  private final Socket socket;
  private final MllpListener listener;
  // Waiting for the start of a frame with nothing buffered: close() may cut such a connection at once.
  private volatile boolean idle = true;

  private record Pending(MllpVerdict verdict, CompletableFuture<Void> durable, byte[] reply) {}

  MllpConnection(Socket socket, MllpListener listener) {
    this.socket = socket;
    this.listener = listener;
  }

  @Override
  public void run() {
    MllpStats stats = listener.stats();
    stats.connections.incrementAndGet();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      if (socket instanceof SSLSocket s) {
        s.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        try {
          s.startHandshake();
        } catch (IOException e) {
          listener.log("TLS handshake with " + socket.getRemoteSocketAddress() + " failed: " + e.getMessage());
          return;
        }
        s.setSoTimeout(0);
      }
      serve(stats);
    } catch (IOException e) {
      // The peer went away or close() cut an idle connection: nothing unanswered was acknowledged.
    } finally {
      closeQuietly();
      stats.connections.decrementAndGet();
      listener.closed(this);
    }
  }

  private void serve(MllpStats stats) throws IOException {
    MllpOptions o = listener.options();
    MllpFrameReader reader = new MllpFrameReader(socket.getInputStream(), o.maxMessageBytes());
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    List<Pending> batch = new ArrayList<>();
    while (true) {
      idle = !reader.hasBufferedBytes();
      if (listener.closing()) {
        return;
      }
      MllpFrame first = reader.next();
      idle = false;
      if (first == null) {
        return;
      }
      batch.add(take(first, o, stats));
      while (batch.size() < MAX_PIPELINED && !listener.closing() && reader.hasBufferedFrame()) {
        batch.add(take(reader.next(), o, stats));
      }
      for (Pending p : batch) {
        if (!awaitDurable(p.durable())) {
          stats.failed.increment();
          out.flush();
          return;
        }
        count(p.verdict(), stats);
        if (p.reply() != null) {
          out.write(p.reply());
          stats.replies.increment();
        }
      }
      out.flush();
      batch.clear();
    }
  }

  /** Lands the frame first, then builds its answer while the flusher syncs. */
  private Pending take(MllpFrame f, MllpOptions o, MllpStats stats) {
    stats.messages.increment();
    CompletableFuture<Void> durable = MllpVerdict.landable(f)
        ? listener.writer().append(f.bytes(), 0, f.frameLength()) : NOT_LANDED;
    MllpVerdict v = MllpVerdict.of(f, o.maxMessageBytes());
    return new Pending(v, durable, listener.acks().reply(v, Instant.now()));
  }

  private boolean awaitDurable(CompletableFuture<Void> f) {
    try {
      f.get();
      return true;
    } catch (ExecutionException e) {
      listener.log("not acknowledging a message from " + socket.getRemoteSocketAddress() + ": " + e.getCause());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void count(MllpVerdict v, MllpStats stats) {
    if (v.outcome() == MllpVerdict.Outcome.ACCEPT) {
      stats.accepted.increment();
    } else {
      stats.rejected.increment();
      if (!v.land()) {
        stats.notStored.increment();
      }
    }
  }

  /** At shutdown: drop the connection now if it is between messages; a busy one finishes its message first. */
  void closeIfIdle() {
    if (idle) {
      closeQuietly();
    }
  }

  void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
