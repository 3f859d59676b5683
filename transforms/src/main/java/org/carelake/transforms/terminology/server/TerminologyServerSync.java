package org.carelake.transforms.terminology.server;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.transforms.terminology.CodeQuality;
import org.carelake.transforms.terminology.ConceptMapEntry;
import org.carelake.transforms.terminology.RefTables;
import org.carelake.transforms.terminology.TerminologyContent;
import org.carelake.transforms.terminology.TerminologyLoad;
import org.carelake.transforms.terminology.ValueSetCode;

/**
 * Brings what a FHIR terminology server knows into the {@code ref} tables, so that builds stay local and
 * deterministic: the unmapped codes of the last silver build are sent to {@code $translate} (each distinct code once,
 * answers cached in {@code ref.terminology_cache} across runs) and the translations become a concept map bound to
 * each code's source; {@code $expand} loads a value set's expansion. Off unless a command names a server.
 */
public final class TerminologyServerSync {
  public static final TableName CACHE = TableName.of(Layer.REF, "terminology_cache");
  private static final StructType CACHE_SCHEMA = new StructType()
      .add("server", DataTypes.StringType)
      .add("operation", DataTypes.StringType)
      .add("request_key", DataTypes.StringType)
      .add("response_json", DataTypes.StringType)
      .add("fetched_at", DataTypes.TimestampType);
  private static final java.util.Set<String> NO_MAPPING = java.util.Set.of("unmatched", "disjoint");

  /** What a translate run did. */
  public record Translated(int asked, int translated, long serverCalls, long cacheHits) {}

  private final Lakehouse lh;
  private final TerminologyServerConfig config;
  private final PrintStream log;

  public TerminologyServerSync(Lakehouse lh, TerminologyServerConfig config, PrintStream log) {
    this.lh = lh;
    this.config = config;
    this.log = log;
  }

  /** The concept map the server's translations are stored under. */
  public String mapUrl() {
    return config.baseUrl() + "/ConceptMap/$translate";
  }

  /** Asks the server for the {@code limit} most frequent unmapped codes of {@code ops.unmapped_codes}. */
  public Translated translateUnmapped(int limit) {
    if (!lh.exists(CodeQuality.UNMAPPED_CODES)) {
      log.println("terminology: no ops.unmapped_codes yet (run `carelake run` first)");
      return new Translated(0, 0, 0, 0);
    }
    List<Row> codes = lh.table(CodeQuality.UNMAPPED_CODES)
        .where("status = 'unmapped' AND system IS NOT NULL AND code IS NOT NULL")
        .orderBy(org.apache.spark.sql.functions.desc("occurrences"), org.apache.spark.sql.functions.col("system"),
            org.apache.spark.sql.functions.col("code"))
        .select("source_system", "system", "code", "display").limit(limit).collectAsList();
    // Keep what earlier runs translated: those codes are mapped now, so no longer in the unmapped list.
    Map<String, ConceptMapEntry> entries = new LinkedHashMap<>();
    if (lh.exists(RefTables.CONCEPT_MAP)) {
      for (Row r : lh.table(RefTables.CONCEPT_MAP).where(org.apache.spark.sql.functions.col("map_url")
          .equalTo(mapUrl())).collectAsList()) {
        ConceptMapEntry e = new ConceptMapEntry(r.getAs("map_url"), r.getAs("map_version"), r.getAs("source_feed"),
            r.getAs("source_system"), r.getAs("source_code"), r.getAs("source_display"), r.getAs("target_system"),
            r.getAs("target_code"), r.getAs("target_display"), r.getAs("equivalence"));
        entries.put(key(e), e);
      }
    }
    int translated = 0;
    try (CachingTerminologyClient client = CachingTerminologyClient.withEntries(new TerminologyServerClient(config),
        cached())) {
      for (Row c : codes) {
        Optional<Translation> t = client.translate(c.getString(1), c.getString(2), null, null);
        boolean any = false;
        for (Match m : t.map(Translation::matches).orElse(List.of())) {
          if (m.code() == null || m.equivalence() != null && NO_MAPPING.contains(m.equivalence())) {
            continue;
          }
          ConceptMapEntry e = new ConceptMapEntry(mapUrl(), null, c.getString(0), c.getString(1), c.getString(2),
              c.getString(3), m.system(), m.code(), m.display(), m.equivalence());
          entries.put(key(e), e);
          any = true;
        }
        translated += any ? 1 : 0;
      }
      saveCache(client.entries());
      if (!entries.isEmpty()) {
        new TerminologyLoad(lh, log).apply(mapUrl(), new TerminologyContent(List.of(), new ArrayList<>(
            entries.values()), List.of()), "server", null, "translate@" + System.currentTimeMillis());
      }
      log.printf("terminology: %d unmapped code(s) sent to %s: %d translated; %d server call(s), %d from the cache%n",
          codes.size(), config.baseUrl(), translated, client.misses(), client.hits());
      return new Translated(codes.size(), translated, client.misses(), client.hits());
    }
  }

  /** Loads the server's expansion of a value set (all pages) into ref.value_set / ref.value_set_code. */
  public TerminologyLoad.Result expand(String valueSetUrl, String version) {
    try (CachingTerminologyClient client = CachingTerminologyClient.withEntries(new TerminologyServerClient(config),
        cached())) {
      Expansion x = client.expand(valueSetUrl, version);
      String url = x.url() != null ? x.url() : valueSetUrl;
      String oid = url.startsWith("urn:oid:") ? url.substring(8)
          : url.matches(".*/ValueSet/[0-9]+(\\.[0-9]+)+$") ? url.substring(url.lastIndexOf('/') + 1) : null;
      List<ValueSetCode> codes = new ArrayList<>();
      for (ExpandedCode c : x.codes()) {
        codes.add(new ValueSetCode(url, oid, x.version() != null ? x.version() : version, null, c.system(), c.code(),
            c.display()));
      }
      saveCache(client.entries());
      return new TerminologyLoad(lh, log).apply(url, new TerminologyContent(codes, List.of(), List.of()),
          "server", null, "expand@" + url + "|" + x.version() + "|" + codes.size());
    }
  }

  private static String key(ConceptMapEntry e) {
    return e.sourceFeed() + "\u0000" + e.sourceSystem() + "\u0000" + e.sourceCode() + "\u0000" + e.targetSystem()
        + "\u0000" + e.targetCode();
  }

  private List<CacheEntry> cached() {
    List<CacheEntry> out = new ArrayList<>();
    if (lh.exists(CACHE)) {
      for (Row r : lh.table(CACHE).where(org.apache.spark.sql.functions.col("server")
          .equalTo(config.baseUrl().toString())).collectAsList()) {
        out.add(new CacheEntry(r.getAs("operation"), r.getAs("request_key"), r.getAs("response_json"),
            r.<Timestamp>getAs("fetched_at").toInstant()));
      }
    }
    return out;
  }

  /** This server's answers replace its rows; other servers' stay. */
  private void saveCache(List<CacheEntry> entries) {
    String server = config.baseUrl().toString();
    List<Row> rows = new ArrayList<>();
    for (CacheEntry e : entries) {
      rows.add(RowFactory.create(server, e.operation(), e.requestKey(), e.responseJson(),
          Timestamp.from(e.fetchedAt())));
    }
    var fresh = lh.spark().createDataFrame(rows, CACHE_SCHEMA);
    var out = lh.exists(CACHE)
        ? lh.table(CACHE).where(org.apache.spark.sql.functions.col("server").notEqual(server)).unionByName(fresh)
        : fresh;
    lh.overwrite(CACHE, out.coalesce(1));
  }
}
