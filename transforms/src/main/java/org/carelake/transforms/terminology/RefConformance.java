package org.carelake.transforms.terminology;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.transforms.terminology.units.CanonicalValue;
import org.carelake.transforms.terminology.units.UnitConverter;
import org.carelake.transforms.view.Conformance;

/**
 * Terminology conformance for the silver build, from the {@code ref} tables: the concept maps are read once on the
 * driver and broadcast with the code-system registry and the unit converter, so every row is conformed by local
 * lookups (no joins per element, no calls out).
 */
public final class RefConformance implements Conformance {
  private static final long serialVersionUID = 1L;

  /** What the executors need, shipped once per executor. */
  private record Parts(Conformer conformer, UnitConverter units) implements java.io.Serializable {}

  private final Broadcast<Parts> parts;
  private final String fingerprint;
  private final int mapEntries;

  private RefConformance(Broadcast<Parts> parts, String fingerprint, int mapEntries) {
    this.parts = parts;
    this.fingerprint = fingerprint;
    this.mapEntries = mapEntries;
  }

  /**
   * Reads the concept maps of {@code ref.concept_map}, the users' code-system aliases and the concepts of the
   * complete CodeSystems they loaded ({@link RefCodeSystems}).
   */
  public static RefConformance of(Lakehouse lh) {
    List<ConceptMapEntry> entries = new ArrayList<>();
    MessageDigest sha = sha();
    List<CodeSystemAlias> aliases = RefCodeSystems.userAliases(lh);
    CodeSystemRegistry registry = RefCodeSystems.registry(aliases);
    for (CodeSystemAlias a : aliases) {
      sha.update(("alias " + a.alias() + "\u0001" + a.uri() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    KnownConcepts known = RefCodeSystems.knownConcepts(lh, registry, RefCodeSystems.definitions(lh));
    known.digest(sha);
    if (lh.exists(RefTables.CONCEPT_MAP)) {
      List<Row> rows = lh.table(RefTables.CONCEPT_MAP)
          .select("map_url", "map_version", "source_feed", "source_system", "source_code", "source_display",
              "target_system", "target_code", "target_display", "equivalence")
          .orderBy("map_url", "source_feed", "source_system", "source_code", "target_system", "target_code")
          .collectAsList();
      for (Row r : rows) {
        if (!canConform(registry, r.getString(3), r.getString(4))) {
          continue;
        }
        entries.add(new ConceptMapEntry(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9)));
        sha.update(r.mkString("\u0001", "\u0002", "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    sha.update(ShippedTerminology.resource(CodeSystemRegistry.RESOURCE));
    sha.update(ShippedTerminology.unitBytes());
    Parts parts = new Parts(new Conformer(registry, new ConceptMapIndex(registry, entries), known),
        UnitConverter.defaults());
    Broadcast<Parts> b = JavaSparkContext.fromSparkContext(lh.spark().sparkContext()).broadcast(parts);
    return new RefConformance(b, HexFormat.of().formatHex(sha.digest()).substring(0, 16), entries.size());
  }

  /**
   * False for an entry whose source is a valid code of a standard system (a SNOMED CT -> ICD-10-CM map, for the risk
   * models): such a coding conforms as itself before any map is tried, so the entry can never be used here. Leaving
   * it out keeps large maps of that kind out of the broadcast, and loading one does not force a silver rebuild.
   */
  static boolean canConform(CodeSystemRegistry registry, String sourceSystem, String sourceCode) {
    CodeSystemInfo info = registry.info(sourceSystem);
    return info == null || !info.standard() || sourceCode == null
        || !Validators.forName(info.validator()).validate(sourceCode).valid();
  }

  /** Changes whenever a map, the code systems or the units change: silver is rebuilt then. */
  public String fingerprint() {
    return fingerprint;
  }

  public int mapEntries() {
    return mapEntries;
  }

  @Override
  public String[] conform(String source, List<String[]> codings) {
    List<Coding> list = new ArrayList<>(codings.size());
    for (String[] c : codings) {
      list.add(new Coding(c[0], c[1], c[2]));
    }
    Conformed c = parts.value().conformer().conform(source, list);
    if (c == null) {
      return null;
    }
    // Only a code one can trust is a standard coding: unmapped and invalid ones keep just status and reason.
    boolean trusted = Conformed.STANDARD.equals(c.status()) || Conformed.MAPPED.equals(c.status());
    return trusted ? new String[] {c.system(), c.code(), c.display(), c.status(), c.reason()}
        : new String[] {null, null, null, c.status(), c.reason()};
  }

  @Override
  public Object[] canonical(String loinc, BigDecimal value, String unitCode, String unit) {
    if (value == null) {
      return null;
    }
    CanonicalValue v = parts.value().units().canonical(loinc, value, unitCode, unit);
    return v == null || v.value() == null ? null : new Object[] {v.value(), v.unit()};
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
