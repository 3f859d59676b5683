package org.carelake.transforms.identity;

import org.carelake.core.Layer;
import org.carelake.core.TableName;

/** The tables identity resolution reads and writes. */
public final class IdentityTables {
  public static final TableName PATIENT = TableName.of(Layer.SILVER, "patient");
  /** (source_system, source_patient_id) -> person_id, one row per source patient. */
  public static final TableName PERSON_MAP = TableName.of(Layer.SILVER, "person_map");
  public static final TableName LINK = TableName.of(Layer.GOLD, "identity_link");
  public static final TableName REVIEW = TableName.of(Layer.GOLD, "identity_review");
  public static final TableName HISTORY = TableName.of(Layer.GOLD, "identity_history");

  private IdentityTables() {}
}
