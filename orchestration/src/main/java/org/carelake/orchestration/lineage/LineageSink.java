package org.carelake.orchestration.lineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Where OpenLineage events go. Lineage is a side channel: a sink that cannot deliver warns once per event and the
 * pipeline goes on.
 */
public interface LineageSink {
  String CONF_URL = "spark.carelake.lineage.url";
  String CONF_FILE = "spark.carelake.lineage.file";
  String CONF_NAMESPACE = "spark.carelake.lineage.namespace";
  /** Environment variable with an API key for the HTTP sink (sent as a bearer token); never in configuration. */
  String ENV_API_KEY = "CARELAKE_LINEAGE_API_KEY";

  void emit(ObjectNode event);

  /** The sinks configured by {@value #CONF_URL} and {@value #CONF_FILE}; none when neither is set. */
  static List<LineageSink> fromConf(SparkSession spark, PrintStream warnings) {
    List<LineageSink> sinks = new ArrayList<>();
    String url = spark.conf().get(CONF_URL, null);
    if (url != null && !url.isBlank()) {
      sinks.add(new Http(URI.create(url), System.getenv(ENV_API_KEY), warnings));
    }
    String file = spark.conf().get(CONF_FILE, null);
    if (file != null && !file.isBlank()) {
      sinks.add(new NdjsonFile(Path.of(file), warnings));
    }
    return sinks;
  }

  /** Appends one JSON event per line to a file on the driver's host (what Marquez's file loaders and jq read). */
  record NdjsonFile(Path file, PrintStream warnings) implements LineageSink {
    @Override
    public synchronized void emit(ObjectNode event) {
      try {
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, LineageEvents.toJson(event) + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        warnings.println("lineage: cannot write " + file + ": " + e.getMessage());
      }
    }
  }

  /** POSTs each event to an OpenLineage HTTP endpoint, e.g. Marquez's {@code http://host:5000/api/v1/lineage}. */
  final class Http implements LineageSink {
    private final URI endpoint;
    private final String apiKey;
    private final PrintStream warnings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Http(URI endpoint, String apiKey, PrintStream warnings) {
      this.endpoint = endpoint;
      this.apiKey = apiKey;
      this.warnings = warnings;
    }

    @Override
    public void emit(ObjectNode event) {
      HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(LineageEvents.toJson(event)));
      if (apiKey != null && !apiKey.isBlank()) {
        req.header("Authorization", "Bearer " + apiKey);
      }
      try {
        HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
          warnings.println("lineage: " + endpoint + " answered " + res.statusCode() + " to a "
              + event.path("eventType").asText() + " event");
        }
      } catch (IOException e) {
        warnings.println("lineage: cannot reach " + endpoint + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
