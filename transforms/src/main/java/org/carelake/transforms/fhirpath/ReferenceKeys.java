package org.carelake.transforms.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * getReferenceKey(): the key of the resource a Reference points at, equal to that resource's getResourceKey() (its
 * id). Understands every form bulk exports carry: Type/id, absolute URLs (with or without _history), urn:uuid: and
 * urn:oid:. A conditional reference (Type?identifier=system|value) cannot be resolved from one resource: its key
 * is resolved by the caller's resolver when there is one (silver builds one from every resource's identifiers);
 * otherwise its key is the query text itself. Contained (#id) references have no row key.
 */
public final class ReferenceKeys {

  private ReferenceKeys() {
  }

  static List<Item> referenceKeys(List<Item> input, String wantedType, UnaryOperator<String> conditional) {
    List<Item> out = new ArrayList<>();
    for (Item i : input) {
      JsonNode node = i.json();
      if (node == null || !node.isObject()) {
        continue;
      }
      JsonNode ref = node.get("reference");
      JsonNode declared = node.get("type");
      String key = ref != null && ref.isTextual()
          ? key(ref.textValue(), wantedType, declared != null ? declared.asText() : null) : null;
      if (key != null && conditional != null && key.indexOf('?') > 0) {
        String resolved = conditional.apply(key);
        key = resolved != null ? resolved : key;
      }
      if (key != null) {
        out.add(Item.of(key));
      }
    }
    return out;
  }

  /** The key of one reference string, or null when it has none or points at another type than wanted. */
  public static String key(String reference, String wantedType, String declaredType) {
    if (reference.isEmpty() || reference.startsWith("#")) {
      return null;
    }
    if (reference.startsWith("urn:uuid:") || reference.startsWith("urn:oid:")) {
      boolean typeOk = wantedType == null || declaredType == null || matchesType(declaredType, wantedType);
      return typeOk ? reference.substring(reference.indexOf(':', 4) + 1) : null;
    }
    int query = reference.indexOf('?');
    if (query > 0) {
      String type = reference.substring(reference.lastIndexOf('/', query) + 1, query);
      return wantedType == null || type.equals(wantedType) ? reference.substring(reference.lastIndexOf('/', query) + 1)
          : null;
    }
    String path = reference;
    int history = path.indexOf("/_history/");
    if (history > 0) {
      path = path.substring(0, history);
    }
    int slash = path.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String id = path.substring(slash + 1);
    String type = path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
    if (wantedType != null && !type.equals(wantedType) && !(declaredType != null && matchesType(declaredType, wantedType))) {
      return null;
    }
    return id.isEmpty() ? null : id;
  }

  private static boolean matchesType(String declared, String wanted) {
    return declared.equals(wanted) || declared.endsWith("/" + wanted);
  }
}
