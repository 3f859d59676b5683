package org.carelake.transforms.fhir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The FHIR R4 element model, as the FHIRPath engine needs it: which elements each resource, datatype and backbone
 * element has, their types and cardinality. Read from {@code fhir-r4-elements.tsv} (generated from HAPI FHIR's R4
 * structures by FhirModelGenerator in the tests), so executors need neither HAPI nor a terminology server.
 */
public final class FhirModel {

  private static final String RESOURCE = "fhir-r4-elements.tsv";
  private static final Set<String> PRIMITIVES = Set.of("boolean", "integer", "positiveInt", "unsignedInt",
      "integer64", "decimal", "string", "code", "id", "uri", "url", "canonical", "oid", "uuid", "markdown",
      "base64Binary", "date", "dateTime", "instant", "time", "xhtml");
  private static final FhirModel R4 = load();

  private final Map<String, Map<String, ElementDef>> elements;
  private final Set<String> resourceTypes;

  private FhirModel(Map<String, Map<String, ElementDef>> elements, Set<String> resourceTypes) {
    this.elements = elements;
    this.resourceTypes = resourceTypes;
  }

  public static FhirModel r4() {
    return R4;
  }

  /** The element {@code name} of {@code ownerType} (a type name or a backbone path such as Patient.contact). */
  public ElementDef element(String ownerType, String name) {
    if (ownerType == null) {
      return null;
    }
    Map<String, ElementDef> owned = elements.get(ownerType);
    if (owned == null) {
      return null;
    }
    ElementDef def = owned.get(name);
    if (def == null && !isPrimitive(ownerType) && (name.equals("extension") || name.equals("modifierExtension"))) {
      return new ElementDef(ownerType, name, List.of("Extension"), true);
    }
    if (def == null && name.equals("id") && !resourceTypes.contains(ownerType)) {
      return new ElementDef(ownerType, name, List.of("string"), false);
    }
    return def;
  }

  public boolean isResourceType(String type) {
    return resourceTypes.contains(type) || type.equals("Resource") || type.equals("DomainResource");
  }

  /** A type FHIRPath knows: a resource, a datatype, a primitive or a backbone path. */
  public boolean isKnownType(String type) {
    return elements.containsKey(type) || PRIMITIVES.contains(type) || isResourceType(type);
  }

  public static boolean isPrimitive(String type) {
    return type != null && PRIMITIVES.contains(type);
  }

  private static FhirModel load() {
    Map<String, Map<String, ElementDef>> elements = new HashMap<>();
    Set<String> resources = new HashSet<>();
    try (InputStream in = FhirModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        String[] f = line.split("\t");
        ElementDef def = new ElementDef(f[0], f[1], List.of(f[2].split(",")), f[3].equals("*"));
        elements.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], def);
        // Only resources have meta; datatypes and backbone elements do not.
        if (f[1].equals("meta") && f[0].indexOf('.') < 0) {
          resources.add(f[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FhirModel(elements, resources);
  }
}
