package org.carelake.ingestion.hl7.mllp;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A listener without the command line's dependencies (no Spark, no picocli): for crash tests and benchmarks.
 *
 * <pre>
 * java -cp ... org.carelake.ingestion.hl7.mllp.MllpListenerMain --dir LANDING_DIR [--port 2575] [--bind 0.0.0.0]
 *     [--keystore F --keystore-password P] [--rotate-mb 64] [--rotate-seconds 10] [--stats-seconds 10]
 * </pre>
 */
public final class MllpListenerMain {
  private MllpListenerMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = null;
    int port = MllpOptions.DEFAULT_PORT;
    String bind = "0.0.0.0";
    Path keystore = null;
    String password = "";
    long rotateMb = 64;
    long rotateSeconds = 10;
    long statsSeconds = 10;
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--dir" -> dir = Path.of(v);
        case "--port" -> port = Integer.parseInt(v);
        case "--bind" -> bind = v;
        case "--keystore" -> keystore = Path.of(v);
        case "--keystore-password" -> password = v;
        case "--rotate-mb" -> rotateMb = Long.parseLong(v);
        case "--rotate-seconds" -> rotateSeconds = Long.parseLong(v);
        case "--stats-seconds" -> statsSeconds = Long.parseLong(v);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    if (dir == null) {
      System.err.println("usage: MllpListenerMain --dir LANDING_DIR [--port N] [--bind ADDR] [--keystore F "
          + "--keystore-password P] [--rotate-mb N] [--rotate-seconds N] [--stats-seconds N]");
      System.exit(2);
    }
    MllpOptions o = MllpOptions.defaults(dir).withBind(bind).withPort(port)
        .withRotation(rotateMb << 20, Duration.ofSeconds(rotateSeconds));
    if (keystore != null) {
      o = o.withTls(MllpTls.serverContext(keystore, password.toCharArray()));
    }
    MllpListenerProcess.run(o, System.out, Duration.ofSeconds(statsSeconds));
  }
}
