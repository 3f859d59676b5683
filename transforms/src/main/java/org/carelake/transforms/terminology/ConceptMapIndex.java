package org.carelake.transforms.terminology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Concept map entries by (feed, canonical source system, source code), for a hash lookup per row. Systems are
 * canonicalized with the registry when the index is built; entries whose equivalence says there is no mapping
 * (R4 unmatched and disjoint, R5 not-related-to) and entries without a target are left out.
 *
 * <p>A feed's map covers that feed's local codes: an entry bound to a feed whose source system is not a standard one
 * (e.g. {@code urn:carelake:lab:local}) also matches codings of that feed in any local system (L, 99LAB,
 * urn:id:L, ...; see {@link CodeSystemRegistry#isLocal}), since what the feed calls its local system varies from
 * message to message.
 *
 * <p>Order of {@link #targets}: entries bound to the feed (its exact source system first, then its local-code
 * entries), then feed-less ones; within each, closest equivalence first (equivalent/equal, then wider/subsumes, then
 * unspecified or related, then narrower/specializes), file order otherwise.
 */
public final class ConceptMapIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Stands for "any local system" in keys of feed-bound entries whose source system is not standard. */
  private static final String FEED_LOCAL = "\u0000local";

  private record Key(String feed, String system, String code) implements Serializable {}

  private final CodeSystemRegistry registry;
  private final Map<Key, List<ConceptMapEntry>> byKey;
  private final int size;

  public ConceptMapIndex(CodeSystemRegistry registry, Collection<ConceptMapEntry> entries) {
    this.registry = registry;
    Map<Key, List<ConceptMapEntry>> m = new HashMap<>();
    int n = 0;
    for (ConceptMapEntry e : entries) {
      String code = Codes.strip(e.sourceCode());
      String system = registry.canonical(e.sourceSystem());
      boolean noMapping = Equivalences.rank(e.equivalence()) == Equivalences.NO_MAPPING;
      if (code == null || system == null || Codes.strip(e.targetCode()) == null || noMapping) {
        continue;
      }
      ConceptMapEntry c = new ConceptMapEntry(e.mapUrl(), e.mapVersion(), Codes.strip(e.sourceFeed()), system, code,
          e.sourceDisplay(), registry.canonical(e.targetSystem()), e.targetCode().strip(), e.targetDisplay(),
          e.equivalence());
      m.computeIfAbsent(new Key(c.sourceFeed(), system, code), k -> new ArrayList<>()).add(c);
      if (c.sourceFeed() != null && !registry.info(system).standard()) {
        m.computeIfAbsent(new Key(c.sourceFeed(), FEED_LOCAL, code), k -> new ArrayList<>()).add(c);
      }
      n++;
    }
    Comparator<ConceptMapEntry> closest = Comparator.comparingInt(e -> order(e.equivalence()));
    for (Map.Entry<Key, List<ConceptMapEntry>> e : m.entrySet()) {
      List<ConceptMapEntry> list = new ArrayList<>(e.getValue());
      list.sort(closest);
      e.setValue(List.copyOf(list));
    }
    this.byKey = m;
    this.size = n;
  }

  /** An index without entries. */
  public static ConceptMapIndex empty(CodeSystemRegistry registry) {
    return new ConceptMapIndex(registry, List.of());
  }

  public CodeSystemRegistry registry() {
    return registry;
  }

  /** The number of entries that count as mappings. */
  public int size() {
    return size;
  }

  /**
   * The map entries for a source code, in the order of the class comment; empty when there are none. The system
   * should be canonical (it is looked up as given); the code is stripped. Entries carry canonical systems.
   */
  public List<ConceptMapEntry> targets(String sourceFeed, String canonicalSystem, String code) {
    String c = Codes.strip(code);
    if (c == null || canonicalSystem == null) {
      return List.of();
    }
    List<ConceptMapEntry> anyFeed = byKey.getOrDefault(new Key(null, canonicalSystem, c), List.of());
    String feed = Codes.strip(sourceFeed);
    if (feed == null) {
      return anyFeed;
    }
    List<ConceptMapEntry> own = byKey.getOrDefault(new Key(feed, canonicalSystem, c), List.of());
    List<ConceptMapEntry> local = registry.isLocal(canonicalSystem)
        ? byKey.getOrDefault(new Key(feed, FEED_LOCAL, c), List.of()) : List.of();
    if (local.isEmpty() && anyFeed.isEmpty()) {
      return own;
    }
    if (own.isEmpty() && anyFeed.isEmpty()) {
      return local;
    }
    if (own.isEmpty() && local.isEmpty()) {
      return anyFeed;
    }
    List<ConceptMapEntry> all = new ArrayList<>(own);
    for (ConceptMapEntry e : local) {
      if (!own.contains(e)) {
        all.add(e);
      }
    }
    all.addAll(anyFeed);
    return all;
  }

  /** Position in the lookup order: closest equivalence first; values the index does not know count as unspecified. */
  private static int order(String equivalence) {
    int r = Equivalences.rank(equivalence);
    return r == Equivalences.UNKNOWN ? 2 : r;
  }
}
