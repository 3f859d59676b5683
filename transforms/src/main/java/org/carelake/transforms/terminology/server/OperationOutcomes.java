package org.carelake.transforms.terminology.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The human text of an error response: its OperationOutcome issues, or a short excerpt of whatever else came. */
final class OperationOutcomes {
  private static final int EXCERPT = 200;

  private OperationOutcomes() {}

  /** Issue texts joined by "; " (diagnostics, else details.text, else the details coding), or a body excerpt. */
  static String text(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode root;
    try {
      root = FhirJson.MAPPER.readTree(body);
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !"OperationOutcome".equals(root.path("resourceType").asText())) {
      String flat = body.strip().replaceAll("\\s+", " ");
      return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...";
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode issue : root.path("issue")) {
      String t = FhirJson.text(issue, "diagnostics");
      if (t == null) {
        t = FhirJson.text(issue.path("details"), "text");
      }
      if (t == null) {
        JsonNode coding = issue.path("details").path("coding").path(0);
        t = FhirJson.text(coding, "display") != null ? FhirJson.text(coding, "display") : FhirJson.text(coding, "code");
      }
      if (t == null) {
        t = FhirJson.text(issue, "code");
      }
      if (t != null) {
        texts.add(t);
      }
    }
    return String.join("; ", texts);
  }
}
