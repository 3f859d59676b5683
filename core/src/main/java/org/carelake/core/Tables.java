package org.carelake.core;

/** The table names that more than one module uses (the contract tables of architecture.md). */
public final class Tables {
  public static final TableName FHIR_RESOURCE = TableName.of(Layer.BRONZE, "fhir_resource");
  public static final TableName FHIR_CURRENT = TableName.of(Layer.BRONZE, "fhir_current");
  public static final TableName HL7V2_MESSAGE = TableName.of(Layer.BRONZE, "hl7v2_message");
  public static final TableName QUARANTINE_INPUT = TableName.of(Layer.QUARANTINE, "input");
  public static final TableName INGEST_LEDGER = TableName.of(Layer.OPS, "ingest_ledger");
  public static final TableName VALUE_SET = TableName.of(Layer.REF, "value_set");
  public static final TableName VALUE_SET_CODE = TableName.of(Layer.REF, "value_set_code");
  /** View: the codes of the newest loaded version of every value set. */
  public static final TableName VALUE_SET_MEMBER = TableName.of(Layer.REF, "value_set_member");

  private Tables() {}
}
