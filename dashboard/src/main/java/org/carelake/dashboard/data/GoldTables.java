package org.carelake.dashboard.data;

import org.carelake.core.Layer;
import org.carelake.core.TableName;

/** The gold and ops tables the dashboard reads and writes. */
public final class GoldTables {
  public static final TableName DIM_PERSON = TableName.of(Layer.GOLD, "dim_person");
  public static final TableName TIMELINE = TableName.of(Layer.GOLD, "patient_timeline");
  public static final TableName MEASURE = TableName.of(Layer.GOLD, "measure");
  public static final TableName MEASURE_POPULATION = TableName.of(Layer.GOLD, "measure_population");
  public static final TableName CARE_GAP = TableName.of(Layer.GOLD, "care_gap");
  public static final TableName MEASURE_RATE = TableName.of(Layer.GOLD, "measure_rate");
  public static final TableName RISK_SCORE = TableName.of(Layer.GOLD, "risk_score");
  public static final TableName COHORT_MEMBERSHIP = TableName.of(Layer.GOLD, "cohort_membership");
  public static final TableName OUTREACH = TableName.of(Layer.OPS, "outreach");

  private GoldTables() {}
}
