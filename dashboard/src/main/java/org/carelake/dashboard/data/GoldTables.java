package org.carelake.dashboard.data;

import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.marts.cohort.CohortBuild;
import org.carelake.marts.measure.MeasureBuild;
import org.carelake.marts.risk.RiskScoreBuild;
import org.carelake.transforms.identity.IdentityTables;

/** The gold and ops tables the dashboard reads and writes; those a mart writes are named by that mart. */
public final class GoldTables {
  public static final TableName DIM_PERSON = TableName.of(Layer.GOLD, "dim_person");
  public static final TableName TIMELINE = TableName.of(Layer.GOLD, "patient_timeline");
  public static final TableName MEASURE = MeasureBuild.MEASURE;
  public static final TableName MEASURE_POPULATION = MeasureBuild.POPULATION;
  public static final TableName CARE_GAP = MeasureBuild.CARE_GAP;
  public static final TableName MEASURE_RATE = MeasureBuild.RATE;
  public static final TableName RISK_SCORE = RiskScoreBuild.RISK_SCORE;
  public static final TableName COHORT = CohortBuild.COHORT;
  public static final TableName COHORT_MEMBERSHIP = CohortBuild.MEMBERSHIP;
  public static final TableName SOURCE_PATIENT = IdentityTables.PATIENT;
  public static final TableName PERSON_MAP = IdentityTables.PERSON_MAP;
  public static final TableName IDENTITY_LINK = IdentityTables.LINK;
  public static final TableName IDENTITY_REVIEW = IdentityTables.REVIEW;
  public static final TableName OUTREACH = TableName.of(Layer.OPS, "outreach");

  private GoldTables() {}
}
