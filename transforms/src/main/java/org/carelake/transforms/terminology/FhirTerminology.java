package org.carelake.transforms.terminology;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes the terminology out of FHIR JSON resources (R4, and the R5 names where they differ).
 * <ul>
 *   <li>ValueSet: the codes of its expansion (nested contains flattened, abstract entries left out); without an
 *       expansion, the concepts its compose.include enumerates, less those compose.exclude enumerates. Includes by
 *       filter, by other value sets or of a whole code system need a terminology server: each becomes a warning and
 *       adds nothing; an exclude of that kind drops the whole value set (with a warning) rather than load it too wide.
 *       The OID comes from a urn:oid: identifier, a urn:oid: url or a VSAC url; a value set known only by its OID
 *       (no url, or a urn:oid: one) gets the VSAC url.
 *   <li>CodeSystem: its header (url, version, name, content mode) and concepts, nested ones flattened; a urn:oid:
 *       identifier becomes an alias of its url.
 *   <li>NamingSystem of kind codesystem: its unique ids as aliases of the preferred uri one (else the first uri).
 *   <li>ConceptMap: one entry per group/element/target with a target code, equivalence (R4) or relationship (R5);
 *       a {@code system|version} source or target keeps only the system. group.unmapped is not applied (warning).
 *   <li>Bundle: its entries' resources, recursively.
 * </ul>
 * Any other resource type is an error.
 */
final class FhirTerminology {
  static final String VSAC = "http://cts.nlm.nih.gov/fhir/ValueSet/";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final String file;
  /** The NDJSON line of the resource, 0 for a whole-file JSON resource. */
  private final int line;
  private final ContentBuilder out;

  private FhirTerminology(String file, int line, ContentBuilder out) {
    this.file = file;
    this.line = line;
    this.out = out;
  }

  static void readJson(String file, String text, ContentBuilder out) {
    new FhirTerminology(file, 0, out).resource(parse(file, text, 0), "");
  }

  static void readNdjson(String file, String text, ContentBuilder out) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        new FhirTerminology(file, i + 1, out).resource(parse(file, lines[i], i + 1), "");
      }
    }
  }

  /** True when the first non-blank line is a whole JSON object and more non-blank lines follow. */
  static boolean looksLikeNdjson(String text) {
    String[] lines = text.strip().split("\r?\n");
    if (lines.length < 2) {
      return false;
    }
    try {
      return JSON.readTree(lines[0]).isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static JsonNode parse(String file, String text, int ndjsonLine) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      int line = ndjsonLine > 0 ? ndjsonLine : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new TerminologyFileException(file, line, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private void resource(JsonNode r, String path) {
    if (r == null || !r.isObject()) {
      throw error(path, "expected a FHIR resource (a JSON object)");
    }
    String type = text(r, "resourceType");
    if (type == null) {
      throw error(path, "a JSON object without resourceType");
    }
    switch (type) {
      case "ValueSet" -> valueSet(r, path);
      case "CodeSystem" -> codeSystem(r, path);
      case "ConceptMap" -> conceptMap(r, path);
      case "NamingSystem" -> namingSystem(r, path);
      case "Bundle" -> {
        int i = 0;
        for (JsonNode entry : array(r, "entry")) {
          String entryPath = path + "entry[" + i++ + "]";
          JsonNode inner = entry.get("resource");
          if (inner == null || inner.isNull()) {
            warn(entryPath, "no resource");
          } else {
            resource(inner, entryPath + ".resource.");
          }
        }
      }
      default -> throw error(path,
          type + " is not a terminology resource (expected ValueSet, CodeSystem, ConceptMap, NamingSystem or Bundle)");
    }
  }

  private void valueSet(JsonNode vs, String path) {
    String url = text(vs, "url");
    String oid = valueSetOid(vs, url);
    if (oid != null && (url == null || Oids.fromUrn(url) != null)) {
      url = VSAC + oid;
    }
    if (url == null) {
      warn(path, "ValueSet " + orUnnamed(text(vs, "id")) + " has neither url nor OID; skipped");
      return;
    }
    String label = "ValueSet " + url;
    String version = text(vs, "version");
    String name = text(vs, "name") != null ? text(vs, "name") : text(vs, "title");
    JsonNode expansion = vs.get("expansion");
    if (expansion != null && expansion.isObject()) {
      int before = out.valueSetCodes.size();
      contains(expansion, url, oid, version, name, path, label);
      int found = out.valueSetCodes.size() - before;
      int total = expansion.path("total").asInt(-1);
      if (total > found) {
        warn(path, label + ": the expansion holds " + found + " of its " + total + " codes (paged?)");
      }
      return;
    }
    JsonNode compose = vs.get("compose");
    if (compose == null || !compose.isObject()) {
      warn(path, label + " has neither expansion nor compose; no codes");
      return;
    }
    List<ValueSetCode> rows = new ArrayList<>();
    int i = 0;
    for (JsonNode include : array(compose, "include")) {
      String where = label + ": compose.include[" + i++ + "]";
      String system = system(text(include, "system"));
      if (include.has("valueSet")) {
        warn(path, where + " includes value set(s) " + texts(include.get("valueSet")) + "; not expanded locally");
      } else if (include.has("filter")) {
        warn(path, where + " selects " + orUnnamed(system) + " codes by filter (" + filters(include.get("filter"))
            + "); not expanded locally");
      } else if (!include.has("concept")) {
        warn(path, where + " includes all of " + orUnnamed(system) + "; not expanded locally");
      } else if (system == null) {
        warn(path, where + " lists concepts without a system; skipped");
      } else {
        for (JsonNode concept : array(include, "concept")) {
          String code = text(concept, "code");
          if (code != null) {
            rows.add(new ValueSetCode(url, oid, version, name, system, code, text(concept, "display")));
          }
        }
      }
    }
    Set<String> excluded = new HashSet<>();
    i = 0;
    for (JsonNode exclude : array(compose, "exclude")) {
      String system = system(text(exclude, "system"));
      if (exclude.has("valueSet") || exclude.has("filter") || !exclude.has("concept") || system == null) {
        warn(path, label + ": compose.exclude[" + i + "] cannot be applied without a terminology server;"
            + " value set skipped rather than loaded too wide");
        return;
      }
      for (JsonNode concept : array(exclude, "concept")) {
        excluded.add(system + "|" + text(concept, "code"));
      }
      i++;
    }
    rows.removeIf(r -> excluded.contains(r.system() + "|" + r.code()));
    out.valueSetCodes.addAll(rows);
  }

  private void contains(JsonNode parent, String url, String oid, String version, String name, String path,
      String label) {
    for (JsonNode c : array(parent, "contains")) {
      String code = text(c, "code");
      String system = system(text(c, "system"));
      if (code != null && !c.path("abstract").asBoolean(false)) {
        if (system == null) {
          warn(path, label + ": expansion code " + code + " has no system; skipped");
        } else {
          out.valueSetCodes.add(new ValueSetCode(url, oid, version, name, system, code, text(c, "display")));
        }
      }
      contains(c, url, oid, version, name, path, label);
    }
  }

  private static String valueSetOid(JsonNode vs, String url) {
    for (JsonNode id : array(vs, "identifier")) {
      String oid = Oids.fromUrn(text(id, "value"));
      if (oid != null) {
        return oid;
      }
    }
    if (url != null && Oids.fromUrn(url) != null) {
      return Oids.fromUrn(url);
    }
    if (url != null && url.startsWith(VSAC) && Oids.isOid(url.substring(VSAC.length()))) {
      return url.substring(VSAC.length());
    }
    return null;
  }

  private void codeSystem(JsonNode cs, String path) {
    String url = text(cs, "url");
    if (url == null) {
      warn(path, "CodeSystem " + orUnnamed(text(cs, "id")) + " has no url; skipped");
      return;
    }
    String content = text(cs, "content");
    out.codeSystems.add(new CodeSystemDefinition(url, text(cs, "version"),
        text(cs, "name") != null ? text(cs, "name") : text(cs, "title"), content));
    for (JsonNode id : array(cs, "identifier")) {
      String oid = Oids.fromUrn(text(id, "value"));
      if (oid != null) {
        out.aliases.add(new CodeSystemAlias(Oids.urn(oid), url));
      }
    }
    int before = out.codeSystemConcepts.size();
    concepts(cs, url, text(cs, "version"));
    if (out.codeSystemConcepts.size() == before) {
      warn(path, "CodeSystem " + url + " has no concepts" + (content == null ? "" : " (content " + content + ")"));
    }
  }

  /**
   * A NamingSystem names one code system several ways (R4: uniqueId of type oid, uuid, uri or other); the preferred
   * uri is the canonical one and the others become its aliases.
   */
  private void namingSystem(JsonNode ns, String path) {
    String label = "NamingSystem " + orUnnamed(text(ns, "name"));
    if (!"codesystem".equals(text(ns, "kind"))) {
      warn(path, label + " is of kind " + orUnnamed(text(ns, "kind")) + ", not codesystem; skipped");
      return;
    }
    String canonical = null;
    for (JsonNode id : array(ns, "uniqueId")) {
      if ("uri".equals(text(id, "type")) && text(id, "value") != null
          && (canonical == null || id.path("preferred").asBoolean(false))) {
        canonical = text(id, "value");
        if (id.path("preferred").asBoolean(false)) {
          break;
        }
      }
    }
    if (canonical == null) {
      warn(path, label + " has no uniqueId of type uri to name the code system by; skipped");
      return;
    }
    for (JsonNode id : array(ns, "uniqueId")) {
      String value = text(id, "value");
      if (value == null || value.equals(canonical)) {
        continue;
      }
      String type = text(id, "type");
      out.aliases.add(new CodeSystemAlias("oid".equals(type) && Oids.isOid(value) ? Oids.urn(value) : value,
          canonical));
    }
  }

  private void concepts(JsonNode parent, String url, String version) {
    for (JsonNode c : array(parent, "concept")) {
      String code = text(c, "code");
      if (code != null) {
        out.codeSystemConcepts.add(new CodeSystemConcept(url, version, code, text(c, "display")));
      }
      concepts(c, url, version);
    }
  }

  private void conceptMap(JsonNode cm, String path) {
    String url = text(cm, "url");
    if (url == null) {
      url = text(cm, "id") != null ? "ConceptMap/" + text(cm, "id") : file;
    }
    String label = "ConceptMap " + url;
    String version = text(cm, "version");
    int g = 0;
    for (JsonNode group : array(cm, "group")) {
      String where = "group[" + g++ + "]";
      String source = system(text(group, "source"));
      String target = system(text(group, "target"));
      if (group.has("unmapped")) {
        warn(path, label + ": " + where + ".unmapped (mode " + text(group.get("unmapped"), "mode")
            + ") is not applied");
      }
      if (source == null || target == null) {
        warn(path, label + ": " + where + " has no source or no target system; skipped");
        continue;
      }
      int e = 0;
      for (JsonNode element : array(group, "element")) {
        String elementPath = where + ".element[" + e++ + "]";
        String code = text(element, "code");
        if (code == null || element.path("noMap").asBoolean(false)) {
          continue;
        }
        int t = 0;
        for (JsonNode tg : array(element, "target")) {
          String eq = text(tg, "equivalence") != null ? text(tg, "equivalence") : text(tg, "relationship");
          if (Equivalences.rank(eq) == Equivalences.UNKNOWN) {
            throw error(path, label + ": " + elementPath + ".target[" + t + "]: unknown equivalence '" + eq + "'");
          }
          t++;
          String targetCode = text(tg, "code");
          if (targetCode != null) {
            out.conceptMapEntries.add(new ConceptMapEntry(url, version, null, source, code, text(element, "display"),
                target, targetCode, text(tg, "display"), eq));
          }
        }
      }
    }
  }

  private TerminologyFileException error(String path, String problem) {
    return new TerminologyFileException(file, line, trim(path) + problem);
  }

  private void warn(String path, String message) {
    out.warnings.add(file + (line > 0 ? " line " + line : "") + ": " + trim(path) + message);
  }

  /** "entry[0].resource." -> "entry[0].resource: " for messages; "" stays "". */
  private static String trim(String path) {
    if (path.isEmpty()) {
      return "";
    }
    return (path.endsWith(".") ? path.substring(0, path.length() - 1) : path) + ": ";
  }

  /** A canonical without its {@code |version} (R5 allows one on a ConceptMap group's source and target). */
  private static String system(String canonical) {
    if (canonical == null) {
      return null;
    }
    int bar = canonical.indexOf('|');
    return bar < 0 ? canonical : Codes.strip(canonical.substring(0, bar));
  }

  private static String filters(JsonNode filters) {
    List<String> parts = new ArrayList<>();
    for (JsonNode f : array(filters)) {
      parts.add(text(f, "property") + " " + text(f, "op") + " " + text(f, "value"));
    }
    return String.join("; ", parts);
  }

  private static String texts(JsonNode values) {
    List<String> parts = new ArrayList<>();
    for (JsonNode v : array(values)) {
      parts.add(v.asText());
    }
    return String.join(", ", parts);
  }

  private static String orUnnamed(String s) {
    return s == null ? "(unnamed)" : s;
  }

  /** A string field, stripped; null when absent, empty or not a value. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) {
    return array(node == null ? null : node.get(field));
  }

  /** The elements of an array; a lone object counts as one element. */
  private static Iterable<JsonNode> array(JsonNode v) {
    if (v == null || v.isNull()) {
      return List.of();
    }
    return v.isArray() ? v : List.of(v);
  }
}
