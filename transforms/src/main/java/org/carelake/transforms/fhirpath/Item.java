package org.carelake.transforms.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import org.carelake.transforms.fhir.FhirModel;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One FHIRPath value with its type. Values read from a resource stay JSON nodes (typed by the FHIR model, such as
 * "HumanName" or "date"); values FHIRPath computes are Java values typed by System types ("System.String"...).
 */
public final class Item {

  public static final String STRING = "System.String";
  public static final String BOOLEAN = "System.Boolean";
  public static final String INTEGER = "System.Integer";
  public static final String LONG = "System.Long";
  public static final String DECIMAL = "System.Decimal";
  public static final String DATE = "System.Date";
  public static final String DATETIME = "System.DateTime";
  public static final String TIME = "System.Time";
  public static final String QUANTITY = "System.Quantity";

  private final Object value;
  private final String type;

  private Item(Object value, String type) {
    this.value = value;
    this.type = type;
  }

  public static Item system(Object value, String type) {
    return new Item(value, type);
  }

  public static Item node(JsonNode node, String fhirType) {
    return new Item(node, fhirType);
  }

  /** The FHIR or System type name; null when the model does not know it. */
  public String type() {
    return type;
  }

  public Object raw() {
    return value;
  }

  public JsonNode json() {
    return value instanceof JsonNode n ? n : null;
  }

  public boolean isObject() {
    return value instanceof JsonNode n && n.isObject();
  }

  /** The value as a Java primitive: String, Boolean, Integer, Long, BigDecimal, Temporal or Quantity; null if complex. */
  public Object primitive() {
    if (!(value instanceof JsonNode n)) {
      return value;
    }
    if (n.isTextual()) {
      String text = n.textValue();
      Temporal.Kind kind = temporalKind(type);
      if (kind != null) {
        try {
          return Temporal.parse(text, kind);
        } catch (IllegalArgumentException e) {
          return text;
        }
      }
      return text;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      if (n.isIntegralNumber() && !"decimal".equals(type)) {
        return n.canConvertToInt() ? (Object) n.intValue() : (Object) n.longValue();
      }
      return n.decimalValue();
    }
    if (n.isObject() && isQuantityType(type)) {
      JsonNode v = n.get("value");
      if (v != null && v.isNumber()) {
        JsonNode code = n.get("code");
        JsonNode unit = n.get("unit");
        return new Quantity(v.decimalValue(), code != null ? code.asText() : unit != null ? unit.asText() : "1");
      }
    }
    return null;
  }

  /** The normalized System type of this value: FHIR date -> System.Date, code -> System.String, ... */
  public String systemType() {
    if (type != null && type.startsWith("System.")) {
      return type;
    }
    if (type == null) {
      if (value instanceof JsonNode n) {
        return n.isTextual() ? STRING : n.isBoolean() ? BOOLEAN : n.isIntegralNumber() ? INTEGER
            : n.isNumber() ? DECIMAL : null;
      }
      return null;
    }
    return switch (type) {
      case "boolean" -> BOOLEAN;
      case "integer", "positiveInt", "unsignedInt" -> INTEGER;
      case "integer64" -> LONG;
      case "decimal" -> DECIMAL;
      case "date" -> DATE;
      case "dateTime", "instant" -> DATETIME;
      case "time" -> TIME;
      default -> FhirModel.isPrimitive(type) ? STRING : isQuantityType(type) ? QUANTITY : null;
    };
  }

  static boolean isQuantityType(String type) {
    return type != null && (type.equals("Quantity") || type.equals("Age") || type.equals("Duration")
        || type.equals("Distance") || type.equals("Count") || type.equals("SimpleQuantity")
        || type.equals("MoneyQuantity"));
  }

  static Temporal.Kind temporalKind(String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "date", DATE -> Temporal.Kind.DATE;
      case "dateTime", "instant", DATETIME -> Temporal.Kind.DATETIME;
      case "time", TIME -> Temporal.Kind.TIME;
      default -> null;
    };
  }

  public static Item of(Object javaValue) {
    if (javaValue instanceof String) {
      return system(javaValue, STRING);
    } else if (javaValue instanceof Boolean) {
      return system(javaValue, BOOLEAN);
    } else if (javaValue instanceof Integer) {
      return system(javaValue, INTEGER);
    } else if (javaValue instanceof Long) {
      return system(javaValue, LONG);
    } else if (javaValue instanceof BigDecimal) {
      return system(javaValue, DECIMAL);
    } else if (javaValue instanceof Temporal t) {
      return system(t, t.kind() == Temporal.Kind.DATE ? DATE : t.kind() == Temporal.Kind.TIME ? TIME : DATETIME);
    } else if (javaValue instanceof Quantity) {
      return system(javaValue, QUANTITY);
    }
    throw new IllegalArgumentException("not a FHIRPath value: " + javaValue);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Item other && Objects.equals(value, other.value) && Objects.equals(type, other.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, type);
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
