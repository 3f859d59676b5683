package org.carelake.ingestion.fhir.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The completion manifest of an export: transactionTime, whether files need the token, and the output, deleted and
 * error entries; {@code next} is the link to the following page of a paged (v2) manifest, or null.
 */
public record ExportManifest(String transactionTime, Boolean requiresAccessToken, List<Entry> entries, URI next) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One manifest entry; role is output, deleted or error. */
  public record Entry(String role, String type, URI url, Long count) {}

  /** Parses a manifest body; URLs resolve against the URL it came from. */
  public static ExportManifest parse(String body, URI from) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.path("output").isArray()) {
      throw new BulkExportException("the export manifest from " + from + " is not a bulk-data manifest (no output[] "
          + "array): " + OperationOutcomeText.of(body));
    }
    List<Entry> entries = new ArrayList<>();
    for (String role : List.of(ExportFile.OUTPUT, ExportFile.DELETED, ExportFile.ERROR)) {
      int i = 0;
      for (JsonNode e : root.path(role)) {
        String url = e.path("url").asText(null);
        if (url == null || url.isBlank()) {
          throw new BulkExportException("the export manifest from " + from + ": " + role + "[" + i + "] has no url");
        }
        String type = e.path("type").asText(role.equals(ExportFile.ERROR) ? "OperationOutcome"
            : role.equals(ExportFile.DELETED) ? "Bundle" : null);
        entries.add(new Entry(role, type, from.resolve(url.strip()), e.hasNonNull("count") ? e.path("count").asLong()
            : null));
        i++;
      }
    }
    URI next = null;
    for (JsonNode link : root.path("link")) {
      if ("next".equals(link.path("relation").asText()) && link.hasNonNull("url")) {
        next = from.resolve(link.path("url").asText());
      }
    }
    Boolean token = root.hasNonNull("requiresAccessToken") ? root.path("requiresAccessToken").asBoolean() : null;
    return new ExportManifest(root.path("transactionTime").asText(null), token, entries, next);
  }

  /** This page's entries followed by the next page's. */
  public ExportManifest plus(ExportManifest page) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(page.entries());
    return new ExportManifest(transactionTime, requiresAccessToken, all, page.next());
  }
}
