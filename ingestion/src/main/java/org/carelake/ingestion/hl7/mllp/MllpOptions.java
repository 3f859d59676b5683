package org.carelake.ingestion.hl7.mllp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * How a listener runs.
 *
 * @param bind address to listen on
 * @param port TCP port; 0 picks a free one
 * @param landingDir where landing files go: {@code <lakehouse>/landing/hl7/<source>} (see {@link LandingDir})
 * @param tls the server's TLS context, or null for plain TCP
 * @param rotateBytes seal the current landing file once it reaches this size
 * @param rotateAge seal the current landing file once it is this old (files are created by their first message)
 * @param maxMessageBytes longer messages are answered AE and not stored
 * @param maxConnections connections served at once (one thread each); more are closed at once
 * @param shutdownGrace how long close() lets connections finish the message they are receiving
 * @param log where warnings and notes go
 */
public record MllpOptions(String bind, int port, Path landingDir, SSLContext tls, long rotateBytes, Duration rotateAge,
    int maxMessageBytes, int maxConnections, Duration shutdownGrace, Consumer<String> log) {
  public static final int DEFAULT_PORT = 2575;

  public static MllpOptions defaults(Path landingDir) {
    return new MllpOptions("0.0.0.0", DEFAULT_PORT, landingDir, null, 64L << 20, Duration.ofSeconds(10), 16 << 20, 256,
        Duration.ofSeconds(5), System.err::println);
  }

  public MllpOptions withBind(String bind) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  public MllpOptions withPort(int port) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  public MllpOptions withTls(SSLContext tls) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  public MllpOptions withRotation(long rotateBytes, Duration rotateAge) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  public MllpOptions withLimits(int maxMessageBytes, int maxConnections) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  public MllpOptions withShutdownGrace(Duration shutdownGrace) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  public MllpOptions withLog(Consumer<String> log) {
    return new MllpOptions(bind, port, landingDir, tls, rotateBytes, rotateAge, maxMessageBytes, maxConnections,
        shutdownGrace, log);
  }

  /** Checks the values a user can get wrong. */
  MllpOptions validated() {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (rotateBytes < 1 || rotateAge.isNegative() || rotateAge.isZero()) {
      throw new IllegalArgumentException("rotation size and age must be positive");
    }
    if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE - 16 || maxConnections < 1) {
      throw new IllegalArgumentException("message size limit and connection limit must be positive");
    }
    return this;
  }
}
