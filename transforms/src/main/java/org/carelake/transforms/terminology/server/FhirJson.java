package org.carelake.transforms.terminology.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading the FHIR JSON that terminology operations return (Parameters and ValueSet). */
final class FhirJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private FhirJson() {}

  /** The body as a JSON object; the message of the exception says what is wrong with it. */
  static JsonNode object(String body) throws JsonProcessingException {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("the response body is empty");
    }
    JsonNode root = MAPPER.readTree(body);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the response is JSON but not an object");
    }
    return root;
  }

  static String resourceType(JsonNode resource) {
    return text(resource, "resourceType");
  }

  /** A string-valued field, or null when absent, empty or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode() || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /** The parameters (or parts) named {@code name}, in order. */
  static List<JsonNode> named(JsonNode parent, String arrayField, String name) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : parent.path(arrayField)) {
      if (name.equals(p.path("name").asText())) {
        out.add(p);
      }
    }
    return out;
  }

  /** The first parameter (or part) named {@code name}, or null. */
  static JsonNode first(JsonNode parent, String arrayField, String name) {
    List<JsonNode> all = named(parent, arrayField, name);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The value[x] of a parameter, whatever its type, or null. */
  static JsonNode value(JsonNode parameter) {
    if (parameter == null) {
      return null;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = parameter.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().startsWith("value")) {
        return f.getValue();
      }
    }
    return null;
  }

  /** A primitive value[x] as text (valueString, valueCode, valueUri, ...), or null. */
  static String valueText(JsonNode parameter) {
    JsonNode v = value(parameter);
    return v == null || !v.isValueNode() || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
