package org.carelake.transforms.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.carelake.core.Lakehouse;
import org.carelake.transforms.terminology.units.UnitConverter;

/**
 * The reference files that ship in the jar (see PROVENANCE.md beside them): loaded into {@code ref} on first use
 * and again whenever a new Carelake release changes them; a user's own files loaded later stay in force for what
 * they define.
 */
public final class ShippedTerminology {
  private static final String BASE = "/org/carelake/transforms/terminology/";
  /** Value sets and maps loaded through {@link TerminologyLoad}. */
  static final List<String> FILES = List.of("valuesets/ecqm-2025.tsv", "valuesets/carelake-cohorts.tsv",
      "conceptmaps/snomed-icd10cm-synthea.csv");
  /** The unit tables, recorded as one shipped item. */
  static final List<String> UNIT_FILES = List.of("units/loinc-canonical-units.csv", "units/unit-aliases.csv",
      "units/special-conversions.csv");
  static final String UNITS = "units/";

  private ShippedTerminology() {}

  /** Loads what is missing or changed; cheap when everything is in place (one read of the load ledger). */
  public static void ensure(Lakehouse lh, PrintStream log) {
    Set<String> loaded = new HashSet<>();
    if (lh.exists(RefTables.TERMINOLOGY_LOAD)) {
      for (Row r : lh.table(RefTables.TERMINOLOGY_LOAD).where("kind = 'shipped'").select("file", "content_hash")
          .collectAsList()) {
        loaded.add(r.getString(0) + "|" + r.getString(1));
      }
    }
    TerminologyLoad load = new TerminologyLoad(lh, log);
    for (String f : FILES) {
      byte[] bytes = resource(f);
      if (!loaded.contains(f + "|" + TerminologyLoad.hash(bytes, null))) {
        load.apply(f, bytes, "shipped", null);
      }
    }
    byte[] systems = resource(CodeSystemRegistry.RESOURCE);
    if (!loaded.contains(CodeSystemRegistry.RESOURCE + "|" + TerminologyLoad.hash(systems, null))
        || !RefCodeSystems.aliasTableHasOrigin(lh)) {
      writeAliases(lh, log);
      load.recordShipped(CodeSystemRegistry.RESOURCE, systems);
    }
    byte[] units = unitBytes();
    if (!loaded.contains(UNITS + "|" + TerminologyLoad.hash(units, null))
        || !lh.exists(RefTables.LOINC_CANONICAL_UNIT)) {
      List<Row> rows = new ArrayList<>();
      for (String[] u : UnitConverter.defaults().canonicalUnitRows()) {
        rows.add(RowFactory.create(u[0], u[1], u[2] == null ? null : new java.math.BigDecimal(u[2]), u[3]));
      }
      lh.overwrite(RefTables.LOINC_CANONICAL_UNIT,
          lh.spark().createDataFrame(rows, RefTables.LOINC_CANONICAL_UNIT_SCHEMA).coalesce(1));
      load.recordShipped(UNITS, units);
      log.printf("terminology: %,d LOINC canonical units -> ref.loinc_canonical_unit%n", rows.size());
    }
  }

  /** Creates ref.code_system_alias, or brings one from before users could load aliases up to date. */
  static void ensureAliasTable(Lakehouse lh, PrintStream log) {
    if (!RefCodeSystems.aliasTableHasOrigin(lh)) {
      writeAliases(lh, log);
    }
  }

  /** Carelake's aliases (code-systems.csv) replace the shipped rows; the users' rows stay. */
  private static void writeAliases(Lakehouse lh, PrintStream log) {
    List<Row> rows = new ArrayList<>();
    CodeSystemRegistry registry = CodeSystemRegistry.defaults();
    String loadId = TerminologyLoad.hash(resource(CodeSystemRegistry.RESOURCE), null);
    for (CodeSystemAlias a : registry.aliasRows()) {
      CodeSystemInfo info = registry.info(a.uri());
      rows.add(RowFactory.create(a.alias(), a.kind(), a.uri(), info == null ? null : info.name(),
          info != null && info.standard(), RefTables.ORIGIN_SHIPPED, loadId));
    }
    Dataset<Row> shipped = lh.spark().createDataFrame(rows, RefTables.CODE_SYSTEM_ALIAS_SCHEMA);
    Dataset<Row> out = RefCodeSystems.aliasTableHasOrigin(lh)
        ? lh.table(RefTables.CODE_SYSTEM_ALIAS).where("origin <> '" + RefTables.ORIGIN_SHIPPED + "'")
            .unionByName(shipped)
        : shipped;
    lh.overwrite(RefTables.CODE_SYSTEM_ALIAS, out.coalesce(1));
    log.printf("terminology: %,d code-system aliases -> ref.code_system_alias%n", rows.size());
  }

  /** The unit tables' bytes, concatenated: their fingerprint changes when any of them does. */
  static byte[] unitBytes() {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    UNIT_FILES.forEach(f -> all.writeBytes(resource(f)));
    return all.toByteArray();
  }

  static byte[] resource(String name) {
    try (InputStream in = ShippedTerminology.class.getResourceAsStream(name.startsWith("/") ? name : BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing shipped terminology resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
