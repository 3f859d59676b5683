package org.carelake.transforms.terminology.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Remembers every answer of a {@link TerminologyServerClient} by operation and arguments, so a code is asked about
 * once. The entries export as {@link CacheEntry} rows (for {@code ref.terminology_cache}) and import again next run.
 * Failures are not cached. Closing it closes the client. Thread-safe; two threads missing on the same key may both ask.
 */
public final class CachingTerminologyClient implements TerminologyService {
  public static final String TRANSLATE = "translate";
  public static final String VALIDATE_CODE = "validate-code";
  public static final String EXPAND = "expand";

  private record Key(String operation, String requestKey) {}

  private record Cached(Object value, String json, Instant fetchedAt) {}

  private final TerminologyServerClient client;
  private final Clock clock;
  private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public CachingTerminologyClient(TerminologyServerClient client) {
    this(client, Clock.systemUTC());
  }

  CachingTerminologyClient(TerminologyServerClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = clock;
  }

  /**
   * A cache primed with entries saved earlier (whichever the caller still trusts: filtering by age is its choice).
   * An entry of an unknown operation or with JSON that does not read back is refused, naming its key.
   */
  public static CachingTerminologyClient withEntries(TerminologyServerClient client, List<CacheEntry> entries) {
    CachingTerminologyClient c = new CachingTerminologyClient(client);
    for (CacheEntry e : entries) {
      c.cache.put(new Key(e.operation(), e.requestKey()),
          new Cached(read(e), e.responseJson(), e.fetchedAt()));
    }
    return c;
  }

  @Override
  public Optional<Translation> translate(String system, String code, String conceptMapUrl, String targetSystem) {
    return lookup(TRANSLATE, key(system, code, conceptMapUrl, targetSystem),
        () -> client.translate(system, code, conceptMapUrl, targetSystem));
  }

  @Override
  public CodeValidation validateCode(String system, String code, String display, String valueSetUrl) {
    return lookup(VALIDATE_CODE, key(system, code, display, valueSetUrl),
        () -> client.validateCode(system, code, display, valueSetUrl));
  }

  @Override
  public Expansion expand(String valueSetUrl, String version) {
    return lookup(EXPAND, key(valueSetUrl, version), () -> client.expand(valueSetUrl, version));
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }

  /** Every cached answer (imported ones included), ordered by operation and request key. */
  public List<CacheEntry> entries() {
    List<CacheEntry> out = new ArrayList<>();
    cache.forEach((k, v) -> out.add(new CacheEntry(k.operation(), k.requestKey(), v.json(), v.fetchedAt())));
    out.sort(Comparator.comparing(CacheEntry::operation).thenComparing(CacheEntry::requestKey));
    return out;
  }

  @Override
  public void close() {
    client.close();
  }

  // Each key's operation fixes the type of its value (see read), so the cast holds.
  @SuppressWarnings("unchecked")
  private <T> T lookup(String operation, String requestKey, Supplier<T> ask) {
    Key k = new Key(operation, requestKey);
    Cached c = cache.get(k);
    if (c != null) {
      hits.incrementAndGet();
      return (T) c.value();
    }
    misses.incrementAndGet();
    T value = ask.get();
    cache.put(k, new Cached(value, write(value), clock.instant()));
    return value;
  }

  /** The arguments as a JSON array: unambiguous (nulls and separators included) and readable in the table. */
  static String key(String... args) {
    ArrayNode a = FhirJson.MAPPER.createArrayNode();
    for (String s : args) {
      a.add(s);
    }
    return a.toString();
  }

  /** An empty translation is stored as JSON null. */
  private static String write(Object value) {
    Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
    try {
      return FhirJson.MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a cache entry as JSON", e);
    }
  }

  private static Object read(CacheEntry e) {
    Class<?> type;
    switch (e.operation()) {
      case TRANSLATE -> type = Translation.class;
      case VALIDATE_CODE -> type = CodeValidation.class;
      case EXPAND -> type = Expansion.class;
      default -> throw new IllegalArgumentException(
          "unknown terminology cache operation '" + e.operation() + "' (key " + e.requestKey() + ")");
    }
    Object value;
    try {
      value = FhirJson.MAPPER.readValue(e.responseJson(), type);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("terminology cache entry " + e.operation() + " " + e.requestKey()
          + " does not read back: " + ex.getOriginalMessage(), ex);
    }
    if (type == Translation.class) {
      return Optional.ofNullable(value);
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "terminology cache entry " + e.operation() + " " + e.requestKey() + " holds null");
    }
    return value;
  }
}
