package org.carelake.transforms.terminology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;

/**
 * The code systems as one lakehouse knows them: Carelake's registry plus the aliases users loaded
 * ({@code ref.code_system_alias} rows of origin user), and the concepts of the complete CodeSystems users loaded
 * ({@code ref.code_system}, {@code ref.code_system_concept}).
 */
public final class RefCodeSystems {
  private RefCodeSystems() {}

  /** The aliases users loaded, by alias: what {@link #registry} adds to the defaults. */
  public static List<CodeSystemAlias> userAliases(Lakehouse lh) {
    if (!aliasTableHasOrigin(lh)) {
      return List.of();
    }
    List<CodeSystemAlias> aliases = new ArrayList<>();
    for (Row r : lh.table(RefTables.CODE_SYSTEM_ALIAS).where("origin = '" + RefTables.ORIGIN_USER + "'")
        .select("alias", "uri").orderBy("alias").collectAsList()) {
      aliases.add(new CodeSystemAlias(r.getString(0), r.getString(1)));
    }
    return aliases;
  }

  /**
   * ref.code_system_alias exists and has the origin column; older lakehouses held Carelake's rows only, without it
   * (ShippedTerminology brings such a table up to date).
   */
  static boolean aliasTableHasOrigin(Lakehouse lh) {
    return lh.exists(RefTables.CODE_SYSTEM_ALIAS)
        && Arrays.asList(lh.table(RefTables.CODE_SYSTEM_ALIAS).columns()).contains("origin");
  }

  /** The default registry plus the users' aliases read from the lakehouse. */
  public static CodeSystemRegistry registry(Lakehouse lh) {
    return registry(userAliases(lh));
  }

  /** The default registry plus {@code aliases} (the defaults themselves when there are none). */
  public static CodeSystemRegistry registry(List<CodeSystemAlias> aliases) {
    return aliases.isEmpty() ? CodeSystemRegistry.defaults() : CodeSystemRegistry.defaults().withAliases(aliases);
  }

  /** The headers of the loaded CodeSystems, sorted by system and version. */
  public static List<CodeSystemDefinition> definitions(Lakehouse lh) {
    if (!lh.exists(RefTables.CODE_SYSTEM)) {
      return List.of();
    }
    List<CodeSystemDefinition> out = new ArrayList<>();
    for (Row r : lh.table(RefTables.CODE_SYSTEM).select("system", "version", "name", "content")
        .orderBy("system", "version").collectAsList()) {
      out.add(new CodeSystemDefinition(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
    }
    return out;
  }

  /** The concepts of the complete loaded CodeSystems; none when no such system was loaded. */
  public static KnownConcepts knownConcepts(Lakehouse lh, CodeSystemRegistry registry,
      List<CodeSystemDefinition> definitions) {
    if (definitions.stream().noneMatch(CodeSystemDefinition::complete) || !lh.exists(RefTables.CODE_SYSTEM_CONCEPT)) {
      return KnownConcepts.NONE;
    }
    List<CodeSystemConcept> concepts = new ArrayList<>();
    for (Row r : lh.table(RefTables.CODE_SYSTEM_CONCEPT).select("system", "version", "code").collectAsList()) {
      concepts.add(new CodeSystemConcept(r.getString(0), r.getString(1), r.getString(2), null));
    }
    return KnownConcepts.of(registry, definitions, concepts);
  }
}
