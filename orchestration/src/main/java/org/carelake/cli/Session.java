package org.carelake.cli;

import org.apache.spark.sql.SparkSession;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SparkSessions;

/** Opens the lakehouse for a command; the session is shared when one already runs in this JVM (tests, notebooks). */
final class Session {
  private Session() {}

  static Lakehouse open(CarelakeConfig config, String app) {
    SparkSession spark = SparkSession.getActiveSession().isDefined() ? SparkSession.active()
        : SparkSessions.create(config, app);
    return Lakehouse.open(spark, config);
  }
}
