package org.carelake.connect;

import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Delta's own reads of a table's transaction log. Delta reads the log (JSON commits, checkpoints) with Spark plans of
 * the session that is active, so while it loads a snapshot for an analyst's query, those plans are analyzed in the
 * analyst's Connect session and meet the endpoint's check rule. They read only Delta's log file index, which no
 * client can name (SQL and DataFrame reads of paths get other indexes, and analysts may not read paths at all), or
 * the RDD Delta caches a snapshot's state in: Connect has no RDD API, and analysts may not checkpoint.
 */
final class DeltaLogReads {
  private static final String LOG_INDEX = "org.apache.spark.sql.delta.DeltaLogFileIndex";

  private DeltaLogReads() {}

  /** True when every relation the plan reads is Delta's log index or an RDD (constant rows aside). */
  static boolean only(LogicalPlan plan) {
    boolean[] log = {false};
    return leavesOk(plan, log) && log[0];
  }

  private static boolean leavesOk(LogicalPlan p, boolean[] log) {
    if (!p.subqueries().isEmpty()) {
      return false;
    }
    if (p.children().isEmpty()) {
      if (p instanceof LogicalRelation r && r.catalogTable().isEmpty() && r.relation() instanceof HadoopFsRelation h
          && h.location().getClass().getName().equals(LOG_INDEX)) {
        log[0] = true;
        return true;
      }
      if (p instanceof LogicalRDD) {
        log[0] = true;
        return true;
      }
      return p instanceof LocalRelation;
    }
    for (LogicalPlan child : CollectionConverters.asJava(p.children())) {
      if (!leavesOk(child, log)) {
        return false;
      }
    }
    return true;
  }
}
