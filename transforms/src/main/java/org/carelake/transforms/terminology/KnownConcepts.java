package org.carelake.transforms.terminology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every code of the code systems a user loaded as complete FHIR CodeSystems, by canonical system: a code of such a
 * system that is not among them is invalid. Several loaded versions of one system count together (a code retired in
 * the newest version was still a code when older data was recorded). Codes of standard systems are normalized as
 * their validator does (ICD-10-CM dotted, ...), so a file's undotted codes match dotted data and the other way round.
 */
public final class KnownConcepts implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final KnownConcepts NONE = new KnownConcepts(Map.of(), Map.of());

  private final Map<String, Set<String>> codes;
  /** system -> "version 2, 3" (or "no version") for reasons. */
  private final Map<String, String> versions;

  private KnownConcepts(Map<String, Set<String>> codes, Map<String, String> versions) {
    this.codes = codes;
    this.versions = versions;
  }

  /**
   * The concepts of the complete code systems among {@code systems}; a complete system without a single concept is
   * left out (it would reject every code, and is more likely a header-only file than an empty system).
   */
  public static KnownConcepts of(CodeSystemRegistry registry, List<CodeSystemDefinition> systems,
      List<CodeSystemConcept> concepts) {
    Set<String> complete = new HashSet<>();
    for (CodeSystemDefinition d : systems) {
      if (d.complete()) {
        complete.add(key(d.system(), d.version()));
      }
    }
    Map<String, Set<String>> codes = new HashMap<>();
    Map<String, Set<String>> versions = new TreeMap<>();
    for (CodeSystemConcept c : concepts) {
      String code = Codes.strip(c.code());
      if (code == null || !complete.contains(key(c.system(), c.version()))) {
        continue;
      }
      CodeSystemInfo info = registry.info(c.system());
      if (info == null) {
        continue;
      }
      if (info.standard()) {
        Validation v = Validators.forName(info.validator()).validate(code);
        code = v.valid() ? v.normalizedCode() : code;
      }
      codes.computeIfAbsent(info.uri(), k -> new HashSet<>()).add(code);
      versions.computeIfAbsent(info.uri(), k -> new TreeSet<>()).add(c.version() == null ? "" : c.version());
    }
    Map<String, String> labels = new HashMap<>();
    versions.forEach((system, vs) -> {
      List<String> named = new ArrayList<>(vs);
      named.remove("");
      labels.put(system, named.isEmpty() ? "no version" : (named.size() == 1 ? "version " : "versions ")
          + String.join(", ", named));
    });
    codes.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    return new KnownConcepts(Collections.unmodifiableMap(codes), Collections.unmodifiableMap(labels));
  }

  /**
   * Why {@code code} (surrounding blanks ignored) cannot be a code of {@code canonicalSystem}, or null when it can
   * (it is a known concept, or no complete CodeSystem of that system was loaded).
   */
  public String reject(String canonicalSystem, String code) {
    Set<String> known = canonicalSystem == null ? null : codes.get(canonicalSystem);
    if (known == null || code == null || known.contains(code.strip())) {
      return null;
    }
    return "not a concept of the loaded CodeSystem " + canonicalSystem + " (" + versions.get(canonicalSystem) + ")";
  }

  /** The systems whose codes are checked, sorted. */
  public Set<String> systems() {
    return new TreeSet<>(codes.keySet());
  }

  /** Adds every system and code, in order, to {@code sha}: silver's fingerprint changes when they do. */
  void digest(java.security.MessageDigest sha) {
    for (String system : systems()) {
      sha.update((system + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (String code : new TreeSet<>(codes.get(system))) {
        sha.update((code + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  private static String key(String system, String version) {
    return system + "|" + (version == null ? "" : version);
  }
}
