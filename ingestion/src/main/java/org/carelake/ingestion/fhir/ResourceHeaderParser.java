package org.carelake.ingestion.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import org.carelake.core.Utf8;
import org.carelake.ingestion.QuarantineReason;

/**
 * Validates one NDJSON line as a single JSON object in well-formed UTF-8 and reads the few fields bronze indexes (resourceType, id,
 * meta.versionId, meta.lastUpdated, the patient reference), streaming over the rest without building a tree.
 */
final class ResourceHeaderParser {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(2000).maxNumberLength(10_000).build())
      .build();

  /** The top-level elements whose reference names the patient a resource belongs to, in order of preference. */
  private static final String[] PATIENT_FIELDS = {"subject", "patient", "beneficiary", "individual"};

  private ResourceHeaderParser() {}

  static ParsedLine parse(byte[] buf, int off, int len, ParsedLine out) {
    out.reset();
    // Nearly every line is a well-formed resource that the fast scanner reads alone; Jackson reads the rest and words
    // their errors.
    if (!HeaderScanner.scan(buf, off, len, out)) {
      out.reset();
      if (!Utf8.isValid(buf, off, len)) {
        return out.reject(QuarantineReason.INVALID_UTF8,
            "invalid UTF-8 at byte " + Text.firstInvalid(buf, off, len) + " of the line");
      }
      if (!parseWithJackson(buf, off, len, out)) {
        return out;
      }
    }
    if (out.resourceType == null || out.resourceType.isEmpty()) {
      return out.reject(QuarantineReason.MISSING_RESOURCE_TYPE, "no resourceType string at the top level");
    }
    if (out.id == null || out.id.isEmpty()) {
      return out.reject(QuarantineReason.MISSING_ID, out.resourceType + " has no id");
    }
    out.patientId = "Patient".equals(out.resourceType) ? out.id : patientIdOf(out.patientReference);
    out.outcome = ParsedLine.Outcome.ACCEPTED;
    return out;
  }

  /** Jackson's reading of the line: false (and {@code out} rejected) when it is not one well-formed JSON object. */
  static boolean parseWithJackson(byte[] buf, int off, int len, ParsedLine out) {
    int patientRank = Integer.MAX_VALUE;
    try (JsonParser p = JSON.createParser(buf, off, len)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        out.reject(QuarantineReason.NOT_AN_OBJECT, "line holds a JSON " + describe(first) + ", not an object");
        return false;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "resourceType" -> out.resourceType = stringOrSkip(p, v);
          case "id" -> out.id = stringOrSkip(p, v);
          case "meta" -> readMeta(p, v, out);
          default -> {
            int rank = rank(name);
            if (rank < patientRank && v == JsonToken.START_OBJECT) {
              String ref = readReference(p);
              if (ref != null && isPatientReference(ref)) {
                out.patientReference = ref;
                patientRank = rank;
              }
            } else {
              p.skipChildren();
            }
          }
        }
      }
      if (t != JsonToken.END_OBJECT) {
        out.reject(QuarantineReason.MALFORMED_JSON, "unexpected " + describe(t));
        return false;
      }
      JsonToken after = p.nextToken();
      if (after != null) {
        out.reject(QuarantineReason.TRAILING_CONTENT,
            "content after the JSON object at column " + p.currentLocation().getColumnNr());
        return false;
      }
    } catch (JsonProcessingException e) {
      out.reject(QuarantineReason.MALFORMED_JSON, e.getOriginalMessage() + locate(e));
      return false;
    } catch (IOException e) {
      out.reject(QuarantineReason.MALFORMED_JSON, String.valueOf(e.getMessage()));
      return false;
    }
    return true;
  }

  /** The string value, or null after skipping any other value (an object or array must not be read as fields). */
  private static String stringOrSkip(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static void readMeta(JsonParser p, JsonToken v, ParsedLine out) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken mv = p.nextToken();
      if ("versionId".equals(name) && mv == JsonToken.VALUE_STRING) {
        out.versionId = p.getText();
      } else if ("lastUpdated".equals(name) && mv == JsonToken.VALUE_STRING) {
        out.lastUpdated = p.getText();
      } else {
        p.skipChildren();
      }
    }
  }

  /** Reads a Reference object, returning its {@code reference} string. */
  private static String readReference(JsonParser p) throws IOException {
    String ref = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("reference".equals(name) && v == JsonToken.VALUE_STRING) {
        ref = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return ref;
  }

  private static int rank(String field) {
    for (int i = 0; i < PATIENT_FIELDS.length; i++) {
      if (PATIENT_FIELDS[i].equals(field)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  static boolean isPatientReference(String ref) {
    return ref.startsWith("Patient/") || ref.contains("/Patient/");
  }

  /** {@code Patient/123}, {@code https://ehr/fhir/Patient/123/_history/2} -> {@code 123}. */
  static String patientIdOf(String ref) {
    if (ref == null) {
      return null;
    }
    int at = ref.startsWith("Patient/") ? 0 : ref.lastIndexOf("/Patient/") + 1;
    String rest = ref.substring(at + "Patient/".length());
    int slash = rest.indexOf('/');
    String id = slash >= 0 ? rest.substring(0, slash) : rest;
    return id.isEmpty() ? null : id;
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "end of line";
    }
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  private static String locate(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
  }
}
