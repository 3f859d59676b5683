package org.carelake.synth;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Identifiers of one namespace (a lab's MRNs, a hospital's visit numbers...): a prefix and hashed digits, the same
 * for the same key on every run, never two alike. Collisions probe on, so keys must be asked in a deterministic order.
 */
final class UniqueIds {
  private final SeededHash hash;
  private final String namespace;
  private final String prefix;
  private final int digits;
  private final Map<String, String> byKey = new TreeMap<>();
  private final Set<String> used = new HashSet<>();

  UniqueIds(SeededHash hash, String namespace, String prefix, int digits) {
    this.hash = hash;
    this.namespace = namespace;
    this.prefix = prefix;
    this.digits = digits;
  }

  String of(String key) {
    String id = byKey.get(key);
    if (id != null) {
      return id;
    }
    for (int attempt = 0; ; attempt++) {
      id = prefix + hash.digits(digits, namespace, key, Integer.toString(attempt));
      if (used.add(id)) {
        byKey.put(key, id);
        return id;
      }
    }
  }
}
