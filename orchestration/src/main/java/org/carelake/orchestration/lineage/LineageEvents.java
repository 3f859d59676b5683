package org.carelake.orchestration.lineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;

/**
 * OpenLineage run events (spec 2-0-2) for pipeline tasks: START, then COMPLETE or FAIL, each naming the task's input
 * and output Delta tables as datasets (namespace = the storage's scheme and authority, name = the table's path, as
 * OpenLineage's naming conventions ask, plus a symlink facet with the catalog name such as {@code silver.patient}).
 * Every task run is a child of the pipeline run through the parent facet, so Marquez or DataHub draw one graph.
 */
public final class LineageEvents {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRODUCER = "https://github.com/carelake/carelake/tree/main/orchestration";
  static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  private static final String FACETS = "https://openlineage.io/spec/facets/";

  private final String namespace;
  private final String pipelineRunId;

  /** {@code namespace}: the job namespace (e.g. carelake or the deployment's name); the pipeline run's UUID. */
  public LineageEvents(String namespace, String pipelineRunId) {
    this.namespace = namespace;
    this.pipelineRunId = pipelineRunId;
  }

  /** One dataset: the table's catalog name, its storage location, and rows written (null for inputs). */
  public record Dataset(String table, String location, Long rowCount) {}

  public ObjectNode event(String eventType, String job, String runId, Iterable<Dataset> inputs,
                          Iterable<Dataset> outputs, String error) {
    ObjectNode e = JSON.createObjectNode();
    e.put("eventType", eventType);
    e.put("eventTime", Instant.now().toString());
    e.put("producer", PRODUCER);
    e.put("schemaURL", SCHEMA_URL);
    ObjectNode run = e.putObject("run");
    run.put("runId", runId);
    ObjectNode runFacets = run.putObject("facets");
    ObjectNode parent = facet(runFacets, "parent", "ParentRunFacet.json#/$defs/ParentRunFacet");
    parent.putObject("run").put("runId", pipelineRunId);
    parent.putObject("job").put("namespace", namespace).put("name", "carelake.pipeline");
    if (error != null) {
      facet(runFacets, "errorMessage", "ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet")
          .put("message", error).put("programmingLanguage", "JAVA");
    }
    ObjectNode jobNode = e.putObject("job");
    jobNode.put("namespace", namespace).put("name", "carelake.pipeline." + job);
    facet(jobNode.putObject("facets"), "jobType", "JobTypeJobFacet.json#/$defs/JobTypeJobFacet")
        .put("processingType", "BATCH").put("integration", "CARELAKE").put("jobType", "TASK");
    datasets(e.putArray("inputs"), inputs, false);
    datasets(e.putArray("outputs"), outputs, true);
    return e;
  }

  private static void datasets(ArrayNode into, Iterable<Dataset> datasets, boolean output) {
    for (Dataset d : datasets) {
      URI uri = URI.create(d.location());
      ObjectNode n = into.addObject();
      n.put("namespace", uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority()));
      n.put("name", uri.getPath());
      ObjectNode facets = n.putObject("facets");
      ObjectNode symlinks = facet(facets, "symlinks", "SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet");
      symlinks.putArray("identifiers").addObject().put("namespace", "carelake").put("name", d.table())
          .put("type", "TABLE");
      if (output && d.rowCount() != null) {
        facet(n.putObject("outputFacets"), "outputStatistics",
            "OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet")
            .put("rowCount", d.rowCount());
      }
    }
  }

  private static ObjectNode facet(ObjectNode facets, String name, String schema) {
    ObjectNode f = facets.putObject(name);
    f.put("_producer", PRODUCER);
    f.put("_schemaURL", FACETS + schema);
    return f;
  }

  static String toJson(ObjectNode event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
