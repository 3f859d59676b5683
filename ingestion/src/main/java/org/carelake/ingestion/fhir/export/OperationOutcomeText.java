package org.carelake.ingestion.fhir.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** The human text of an OperationOutcome (issue diagnostics or details), or an excerpt of any other body. */
public final class OperationOutcomeText {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EXCERPT = 300;

  private OperationOutcomeText() {}

  /** Issue texts joined by "; ", or a body excerpt; "" for an empty body. */
  public static String of(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !"OperationOutcome".equals(root.path("resourceType").asText())) {
      String flat = body.strip().replaceAll("\\s+", " ");
      return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...";
    }
    return of(root);
  }

  public static String of(JsonNode outcome) {
    List<String> texts = new ArrayList<>();
    for (JsonNode issue : outcome.path("issue")) {
      String t = text(issue.path("diagnostics"));
      if (t == null) {
        t = text(issue.path("details").path("text"));
      }
      if (t == null) {
        JsonNode coding = issue.path("details").path("coding").path(0);
        t = text(coding.path("display")) != null ? text(coding.path("display")) : text(coding.path("code"));
      }
      if (t == null) {
        t = text(issue.path("code"));
      }
      if (t != null) {
        texts.add(t);
      }
    }
    return String.join("; ", texts);
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
  }
}
