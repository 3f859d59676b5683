package org.carelake.transforms.hl7;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** Building FHIR JSON where absent values simply leave the element out (FHIR forbids empty elements). */
final class Json {
  /** Decimals keep their digits as sent ("0.10" stays "0.10"). */
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(NODES);

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ObjectNode put(ObjectNode o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
    return o;
  }

  static ObjectNode put(ObjectNode o, String key, BigDecimal value) {
    if (value != null) {
      o.set(key, NODES.numberNode(value));
    }
    return o;
  }

  static ObjectNode put(ObjectNode o, String key, Boolean value) {
    if (value != null) {
      o.put(key, value);
    }
    return o;
  }

  static ObjectNode put(ObjectNode o, String key, Integer value) {
    if (value != null) {
      o.put(key, value);
    }
    return o;
  }

  /** Sets a child unless it is null or empty. */
  static ObjectNode set(ObjectNode o, String key, JsonNode value) {
    if (!isEmpty(value)) {
      o.set(key, value);
    }
    return o;
  }

  /** Appends to the array {@code key} (created on first use) unless the item is null or empty. */
  static ObjectNode add(ObjectNode o, String key, JsonNode item) {
    if (!isEmpty(item)) {
      JsonNode a = o.get(key);
      (a instanceof ArrayNode arr ? arr : o.putArray(key)).add(item);
    }
    return o;
  }

  static ObjectNode addAll(ObjectNode o, String key, List<? extends JsonNode> items) {
    for (JsonNode i : items) {
      add(o, key, i);
    }
    return o;
  }

  static boolean isEmpty(JsonNode n) {
    return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty());
  }

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"reference": "Type/id"}}. */
  static ObjectNode reference(String type, String id) {
    return id == null ? null : object().put("reference", type + "/" + id);
  }

  static ObjectNode coding(String system, String code, String display) {
    if (code == null) {
      return null;
    }
    ObjectNode c = object();
    put(c, "system", system);
    c.put("code", code);
    put(c, "display", display);
    return c;
  }

  /** A CodeableConcept of one coding. */
  static ObjectNode concept(String system, String code, String display) {
    ObjectNode c = coding(system, code, display);
    return c == null ? null : add(object(), "coding", c);
  }
}
