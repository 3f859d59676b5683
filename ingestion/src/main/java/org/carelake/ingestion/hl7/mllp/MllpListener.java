package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live HL7 v2 listener over MLLP (plain TCP or TLS) that acknowledges only what it has made durable: every frame
 * is appended to the landing log and fsynced (group commit) before its ACK is sent. One thread per connection, from a
 * bounded pool.
 *
 * <p>{@link #close()} (also run by a shutdown hook when started through {@link MllpListenerProcess}) stops accepting,
 * drops idle connections, lets busy ones finish and answer the message they are receiving, then syncs and seals the
 * landing file.
 */
public final class MllpListener implements AutoCloseable {
  private final MllpOptions options;
  private final LandingWriter writer;
  private final ServerSocket server;
  private final MllpAck acks = new MllpAck();
  private final MllpStats stats = new MllpStats();
  private final ThreadPoolExecutor pool;
  private final Set<MllpConnection> live = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean closing;

  private MllpListener(MllpOptions options, LandingWriter writer, ServerSocket server) {
    this.options = options;
    this.writer = writer;
    this.server = server;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(0, options.maxConnections(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "mllp-connection-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.acceptor = new Thread(this::acceptLoop, "mllp-accept");
    acceptor.setDaemon(true);
  }

  /** Recovers the landing directory, binds the port and starts serving. */
  public static MllpListener start(MllpOptions options) throws IOException {
    MllpOptions o = options.validated();
    LandingWriter w = LandingWriter.open(o.landingDir(), o.rotateBytes(), o.rotateAge(), o.log());
    ServerSocket s = null;
    try {
      s = o.tls() != null ? o.tls().getServerSocketFactory().createServerSocket() : new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(o.bind(), o.port()), 512);
      MllpListener l = new MllpListener(o, w, s);
      l.acceptor.start();
      return l;
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close();
      }
      w.close();
      throw e;
    }
  }

  private void acceptLoop() {
    while (!closing) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closing) {
          log("accept failed: " + e.getMessage());
          sleepQuietly();
        }
        continue;
      }
      stats.connectionsTotal.increment();
      MllpConnection c = new MllpConnection(s, this);
      live.add(c);
      try {
        pool.execute(c);
      } catch (RejectedExecutionException e) {
        live.remove(c);
        c.closeQuietly();
        stats.refused.increment();
        log("refused a connection from " + s.getRemoteSocketAddress() + ": " + options.maxConnections()
            + " connections are open (the limit)");
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The bound address, e.g. {@code 0.0.0.0:2575}. */
  public String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  public boolean tls() {
    return options.tls() != null;
  }

  public Path landingDir() {
    return options.landingDir();
  }

  public MllpStats stats() {
    return stats;
  }

  public LandingWriter landing() {
    return writer;
  }

  MllpOptions options() {
    return options;
  }

  LandingWriter writer() {
    return writer;
  }

  MllpAck acks() {
    return acks;
  }

  boolean closing() {
    return closing;
  }

  void closed(MllpConnection c) {
    live.remove(c);
  }

  void log(String message) {
    options.log().accept(message);
  }

  /** Blocks until {@link #close()} has finished (from any thread). */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * Stops accepting, lets connections finish the message they are receiving (up to the shutdown grace) and answer it,
   * then makes everything durable and seals the landing file. Safe to call more than once and from several threads.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        awaitQuietly();
        return;
      }
      closing = true;
    }
    try {
      server.close();
    } catch (IOException e) {
      log("closing the server socket: " + e.getMessage());
    }
    joinQuietly(acceptor);
    for (MllpConnection c : live) {
      c.closeIfIdle();
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log("shutdown: cutting " + live.size() + " connection(s) still receiving a message (never acknowledged)");
        for (MllpConnection c : live) {
          c.closeQuietly();
        }
        pool.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.close();
    closed.countDown();
  }

  private void awaitQuietly() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
