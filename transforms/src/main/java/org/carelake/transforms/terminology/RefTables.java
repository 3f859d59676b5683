package org.carelake.transforms.terminology;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.Tables;

/** The terminology tables of the {@code ref} layer and their schemas (documented in docs/terminology.md). */
public final class RefTables {
  public static final TableName VALUE_SET = Tables.VALUE_SET;
  public static final TableName VALUE_SET_CODE = Tables.VALUE_SET_CODE;
  public static final TableName CONCEPT_MAP = TableName.of(Layer.REF, "concept_map");
  public static final TableName CODE_SYSTEM = TableName.of(Layer.REF, "code_system");
  public static final TableName CODE_SYSTEM_CONCEPT = TableName.of(Layer.REF, "code_system_concept");
  public static final TableName CODE_SYSTEM_ALIAS = TableName.of(Layer.REF, "code_system_alias");
  public static final TableName LOINC_CANONICAL_UNIT = TableName.of(Layer.REF, "loinc_canonical_unit");
  public static final TableName TERMINOLOGY_LOAD = TableName.of(Layer.REF, "terminology_load");

  static final StructType VALUE_SET_CODE_SCHEMA = new StructType()
      .add("value_set_url", DataTypes.StringType)
      .add("value_set_oid", DataTypes.StringType)
      .add("value_set_version", DataTypes.StringType)
      .add("value_set_name", DataTypes.StringType)
      .add("system", DataTypes.StringType)
      .add("code", DataTypes.StringType)
      .add("display", DataTypes.StringType)
      .add("load_id", DataTypes.StringType);

  static final StructType VALUE_SET_SCHEMA = new StructType()
      .add("value_set_url", DataTypes.StringType)
      .add("value_set_oid", DataTypes.StringType)
      .add("value_set_version", DataTypes.StringType)
      .add("value_set_name", DataTypes.StringType)
      .add("codes", DataTypes.LongType)
      .add("load_id", DataTypes.StringType);

  static final StructType CONCEPT_MAP_SCHEMA = new StructType()
      .add("map_url", DataTypes.StringType)
      .add("map_version", DataTypes.StringType)
      .add("source_feed", DataTypes.StringType)
      .add("source_system", DataTypes.StringType)
      .add("source_code", DataTypes.StringType)
      .add("source_display", DataTypes.StringType)
      .add("target_system", DataTypes.StringType)
      .add("target_code", DataTypes.StringType)
      .add("target_display", DataTypes.StringType)
      .add("equivalence", DataTypes.StringType)
      .add("load_id", DataTypes.StringType);

  static final StructType CODE_SYSTEM_CONCEPT_SCHEMA = new StructType()
      .add("system", DataTypes.StringType)
      .add("version", DataTypes.StringType)
      .add("code", DataTypes.StringType)
      .add("display", DataTypes.StringType)
      .add("load_id", DataTypes.StringType);

  static final StructType CODE_SYSTEM_SCHEMA = new StructType()
      .add("system", DataTypes.StringType)
      .add("version", DataTypes.StringType)
      .add("name", DataTypes.StringType)
      .add("content", DataTypes.StringType)
      .add("concepts", DataTypes.LongType)
      .add("load_id", DataTypes.StringType);

  /** Origin of an alias row: Carelake's code-systems.csv, or a file the user loaded. */
  static final String ORIGIN_SHIPPED = "shipped";
  static final String ORIGIN_USER = "user";

  static final StructType CODE_SYSTEM_ALIAS_SCHEMA = new StructType()
      .add("alias", DataTypes.StringType)
      .add("alias_kind", DataTypes.StringType)
      .add("uri", DataTypes.StringType)
      .add("name", DataTypes.StringType)
      .add("standard", DataTypes.BooleanType)
      .add("origin", DataTypes.StringType)
      .add("load_id", DataTypes.StringType);

  static final StructType LOINC_CANONICAL_UNIT_SCHEMA = new StructType()
      .add("loinc", DataTypes.StringType)
      .add("canonical_unit", DataTypes.StringType)
      .add("molar_mass_g_per_mol", DataTypes.createDecimalType(18, 6))
      .add("name", DataTypes.StringType);

  static final StructType TERMINOLOGY_LOAD_SCHEMA = new StructType()
      .add("load_id", DataTypes.StringType)
      .add("loaded_at", DataTypes.TimestampType)
      .add("file", DataTypes.StringType)
      .add("content_hash", DataTypes.StringType)
      .add("kind", DataTypes.StringType)
      .add("source_feed", DataTypes.StringType)
      .add("value_sets", DataTypes.LongType)
      .add("value_set_codes", DataTypes.LongType)
      .add("concept_map_entries", DataTypes.LongType)
      .add("code_system_concepts", DataTypes.LongType)
      .add("warnings", DataTypes.createArrayType(DataTypes.StringType));

  private RefTables() {}
}
