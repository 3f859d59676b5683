package org.carelake.cli;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.carelake.ingestion.hl7.mllp.LandingDir;
import org.carelake.ingestion.hl7.mllp.MllpListenerProcess;
import org.carelake.ingestion.hl7.mllp.MllpOptions;
import org.carelake.ingestion.hl7.mllp.MllpTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code carelake listen mllp}: the live HL7 v2 feed. A lightweight edge process: it starts no Spark session and needs
 * only a local disk, where it lands every message (fsynced before its ACK) for {@code ingest hl7 --from-landing}.
 */
@Command(name = "listen", description = "Receive live feeds.", subcommands = {ListenCommand.Mllp.class})
final class ListenCommand {
  @ParentCommand
  Carelake root;

  @Command(name = "mllp", mixinStandardHelpOptions = true,
      description = {"HL7 v2 over MLLP (plain TCP or TLS). Each message is fsynced to a landing file under "
          + "<lakehouse>/landing/hl7/<source>/ before it is acknowledged; `ingest hl7 --from-landing` loads the "
          + "sealed files into bronze. Stop with SIGTERM or Ctrl-C: in-flight messages are answered, files sealed.",
          "The lakehouse must be a local directory (or file: URI)."})
  static final class Mllp implements Callable<Integer> {
    @ParentCommand
    ListenCommand parent;

    @Option(names = "--port", defaultValue = "2575", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--source", defaultValue = "hl7",
        description = "Source name: the landing directory landing/hl7/<source> (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--tls", description = "Accept TLS connections only (needs --keystore).")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE", description = "Key store with the listener's key and "
        + "certificate, JKS or PKCS12.")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD",
        description = "Key store password (default: $CARELAKE_KEYSTORE_PASSWORD, which keeps it out of `ps`).")
    String keystorePassword;

    @Option(names = "--rotate-mb", defaultValue = "64",
        description = "Seal the landing file at this size in MB (default: ${DEFAULT-VALUE}).")
    long rotateMb;

    @Option(names = "--rotate-seconds", defaultValue = "10",
        description = "Seal a non-empty landing file this many seconds after its first message "
            + "(default: ${DEFAULT-VALUE}).")
    long rotateSeconds;

    @Option(names = "--max-message-mb", defaultValue = "16",
        description = "Longer messages are answered AE and not stored (default: ${DEFAULT-VALUE}).")
    int maxMessageMb;

    @Option(names = "--max-connections", defaultValue = "256",
        description = "Connections served at once; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--stats-seconds", defaultValue = "10",
        description = "Print a stats line this often while there is traffic (default: ${DEFAULT-VALUE}).")
    long statsSeconds;

    @Override
    public Integer call() throws Exception {
      if (rotateMb < 1 || rotateSeconds < 1 || maxMessageMb < 1 || maxMessageMb > 1024 || maxConnections < 1
          || statsSeconds < 1) {
        throw new IllegalArgumentException("--rotate-mb, --rotate-seconds, --max-connections and --stats-seconds must "
            + "be positive; --max-message-mb 1..1024");
      }
      if (tls != (keystore != null)) {
        throw new IllegalArgumentException(tls ? "--tls needs --keystore FILE" : "--keystore is only used with --tls");
      }
      Path lakehouse = LandingDir.localRoot(parent.root.config().lakehouseRoot());
      MllpOptions o = MllpOptions.defaults(LandingDir.of(lakehouse, source)).withBind(bind).withPort(port)
          .withRotation(rotateMb << 20, Duration.ofSeconds(rotateSeconds))
          .withLimits(maxMessageMb << 20, maxConnections)
          .withLog(m -> System.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + m));
      if (tls) {
        String pw = keystorePassword != null ? keystorePassword : System.getenv("CARELAKE_KEYSTORE_PASSWORD");
        if (pw == null) {
          throw new IllegalArgumentException("--tls needs --keystore-password or $CARELAKE_KEYSTORE_PASSWORD");
        }
        o = o.withTls(MllpTls.serverContext(keystore, pw.toCharArray()));
      }
      try {
        MllpListenerProcess.run(o, System.out, Duration.ofSeconds(statsSeconds));
      } catch (BindException e) {
        throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
      }
      return Carelake.OK;
    }
  }
}
