package org.carelake.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carelake.connect.SqlEndpoint;
import org.carelake.core.Lakehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code carelake connect}: the network SQL endpoint (Spark Connect) for analysts' tools, until Ctrl-C. */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = "Serve SQL over Spark Connect (gRPC) to PySpark, Spark's JVM client and other Connect clients; "
        + "every request needs a user's access token (./carelake user token NAME), held to the user's role.")
final class ConnectCommand implements Callable<Integer> {
  @ParentCommand
  Carelake root;

  @Option(names = "--port", defaultValue = "15002", description = "Port (default: ${DEFAULT-VALUE}, Spark Connect's).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
      + "${DEFAULT-VALUE}). Plain gRPC: put a TLS proxy in front before listening beyond this machine.")
  String host;

  @Override
  public Integer call() throws Exception {
    Lakehouse lh = Session.open(root.config(), "carelake connect");
    SqlEndpoint endpoint = SqlEndpoint.start(lh, host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      endpoint.close();
      stopped.countDown();
    }, "carelake-connect-shutdown"));
    String shown = host.contains(":") ? "[" + host + "]" : host;
    System.out.println("sql endpoint: sc://" + shown + ":" + endpoint.port() + "/;token=TOKEN");
    System.out.println("tokens: ./carelake user token NAME (analysts read deid.* and ref.*); Ctrl-C stops");
    stopped.await();
    return Carelake.OK;
  }
}
