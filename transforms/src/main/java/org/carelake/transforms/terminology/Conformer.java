package org.carelake.transforms.terminology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the standard code for a concept from the codings a source row carries. In order:
 * <ol>
 *   <li>the first coding in a standard system whose code validates: {@link Conformed#STANDARD}, with the canonical
 *       system, the normalized code and the coding's display;
 *   <li>else the first coding (any system) with a concept-map target in a standard system whose code validates:
 *       {@link Conformed#MAPPED}, reason "mapped by &lt;map url&gt;". Targets are tried in
 *       {@link ConceptMapIndex#targets} order, so with several the feed's own map wins, then the closest
 *       equivalence (equivalent, then wider, ...);
 *   <li>else, if a coding failed validation, the first such: {@link Conformed#INVALID}, with the canonical system,
 *       the code as received and the reason. A coding fails when its system is standard and the validator rejects
 *       the code, or when its system (standard or not) was loaded as a complete CodeSystem that lacks the code
 *       ({@link KnownConcepts});
 *   <li>else {@link Conformed#UNMAPPED} for the first coding, reason "no map for &lt;system&gt;|&lt;code&gt;" (or "no
 *       code system").
 * </ol>
 * Codings without a code are ignored. A feed's concept maps cover that feed's local codes (see
 * {@link ConceptMapIndex}): a map loaded for feed {@code lab} from source {@code urn:carelake:lab:local} applies to
 * the {@code lab} feed's codings in L, 99LAB, urn:id:L and other local systems.
 */
public final class Conformer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CodeSystemRegistry registry;
  private final ConceptMapIndex maps;
  private final KnownConcepts known;

  /** @throws IllegalArgumentException when the index was built with another registry */
  public Conformer(CodeSystemRegistry registry, ConceptMapIndex maps, KnownConcepts known) {
    if (maps.registry() != registry) {
      throw new IllegalArgumentException("the concept map index was built with another code system registry");
    }
    this.registry = registry;
    this.maps = maps;
    this.known = known;
  }

  /** A conformer that checks codes by their shape only (no loaded CodeSystems). */
  public Conformer(CodeSystemRegistry registry, ConceptMapIndex maps) {
    this(registry, maps, KnownConcepts.NONE);
  }

  /** A conformer without concept maps. */
  public Conformer(CodeSystemRegistry registry) {
    this(registry, ConceptMapIndex.empty(registry));
  }

  public CodeSystemRegistry registry() {
    return registry;
  }

  public ConceptMapIndex maps() {
    return maps;
  }

  /** The conformed code of one coding; null when the code is null or blank. */
  public Conformed conform(String sourceFeed, String system, String code, String display) {
    return conform(sourceFeed, List.of(new Coding(system, code, display)));
  }

  /** The conformed code of a concept's codings (see the class comment); null when none of them has a code. */
  public Conformed conform(String sourceFeed, List<Coding> codings) {
    if (codings == null) {
      return null;
    }
    List<Coding> coded = new ArrayList<>(codings.size());
    for (Coding c : codings) {
      if (c != null && Codes.strip(c.code()) != null) {
        coded.add(c);
      }
    }
    if (coded.isEmpty()) {
      return null;
    }
    // canonicalize each system once: rows pass through here one by one
    CodeSystemInfo[] infos = new CodeSystemInfo[coded.size()];
    Conformed invalid = null;
    for (int i = 0; i < coded.size(); i++) {
      Coding c = coded.get(i);
      CodeSystemInfo info = infos[i] = registry.info(c.system());
      if (info == null) {
        continue;
      }
      String reason;
      if (info.standard()) {
        Validation v = Validators.forName(info.validator()).validate(c.code());
        reason = v.valid() ? known.reject(info.uri(), v.normalizedCode()) : v.reason();
        if (reason == null) {
          return new Conformed(info.uri(), v.normalizedCode(), c.display(), Conformed.STANDARD, null);
        }
      } else {
        reason = known.reject(info.uri(), c.code());
      }
      if (reason != null && invalid == null) {
        invalid = new Conformed(info.uri(), c.code(), c.display(), Conformed.INVALID, reason);
      }
    }
    for (int i = 0; i < coded.size(); i++) {
      String system = infos[i] == null ? null : infos[i].uri();
      for (ConceptMapEntry t : maps.targets(sourceFeed, system, coded.get(i).code())) {
        CodeSystemInfo target = registry.info(t.targetSystem());
        if (target == null || !target.standard()) {
          continue;
        }
        Validation v = Validators.forName(target.validator()).validate(t.targetCode());
        if (v.valid()) {
          return new Conformed(target.uri(), v.normalizedCode(), t.targetDisplay(), Conformed.MAPPED,
              "mapped by " + t.mapUrl());
        }
      }
    }
    if (invalid != null) {
      return invalid;
    }
    Coding first = coded.get(0);
    String system = infos[0] == null ? null : infos[0].uri();
    String reason = system == null ? "no code system" : "no map for " + system + "|" + first.code().strip();
    return new Conformed(system, first.code(), first.display(), Conformed.UNMAPPED, reason);
  }
}
