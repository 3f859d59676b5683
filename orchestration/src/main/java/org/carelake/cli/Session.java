package org.carelake.cli;

import org.apache.spark.sql.SparkSession;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SparkSessions;

/** Opens the lakehouse for a command; the session is shared when one already runs in this JVM (tests, notebooks). */
final class Session {
  private Session() {}

  /** For commands that run analysts' SQL: with the {@code published} views. */
  static Lakehouse open(CarelakeConfig config, String app) {
    return Lakehouse.open(session(config, app), config, true);
  }

  /**
   * For commands that run no user SQL (ingest, run, status...): without the {@code published} views, whose pinning
   * costs seconds per process.
   */
  static Lakehouse openTables(CarelakeConfig config, String app) {
    return Lakehouse.open(session(config, app), config, false);
  }

  private static SparkSession session(CarelakeConfig config, String app) {
    return SparkSession.getActiveSession().isDefined() ? SparkSession.active() : SparkSessions.create(config, app);
  }
}
