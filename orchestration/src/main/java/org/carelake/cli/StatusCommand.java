package org.carelake.cli;

import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;
import org.carelake.core.Tables;
import org.carelake.orchestration.pipeline.RunLedger;
import org.carelake.orchestration.quality.QualityTask;
import org.carelake.transforms.terminology.CodeQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code carelake status}: tables and row counts, the last pipeline runs and data-quality gates, the last ingest
 * batches, the quarantine by reason, the code-status shares.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Tables with row counts, the last pipeline run (ops.run_ledger) and its quality gates, the last "
        + "ingest batches and a quarantine summary.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  Carelake root;

  @Override
  public Integer call() {
    Lakehouse lh = Session.openTables(root.config(), "carelake status");
    System.out.println("lakehouse " + lh.root());
    System.out.println();
    System.out.printf("%-32s %12s%n", "table", "rows");
    for (TableName t : lh.discover()) {
      long n = lh.sql("SELECT count(*) FROM " + t.qualified()).first().getLong(0);
      System.out.printf("%-32s %12d%n", t.qualified(), n);
    }
    if (lh.exists(Tables.FHIR_RESOURCE)) {
      long current = lh.sql("SELECT count(*) FROM " + Tables.FHIR_CURRENT.qualified()).first().getLong(0);
      System.out.printf("%-32s %12d  (view: current versions, deletions applied)%n", Tables.FHIR_CURRENT.qualified(), current);
    }
    if (lh.exists(RunLedger.TABLE)) {
      System.out.println();
      System.out.println("last pipeline run (" + RunLedger.TABLE + ")");
      ResultPrinter.print(lh.sql("""
          SELECT task, status, attempt, round(duration_ms / 1000, 1) AS seconds, rows_in, rows_out,
                 rows_quarantined, coalesce(error, summary) AS summary, finished_at
          FROM ops.run_ledger
          WHERE run_id = (SELECT max_by(run_id, finished_at) FROM ops.run_ledger)
          ORDER BY finished_at, attempt"""), ResultPrinter.Format.TABLE, 100, System.out);
      System.out.println();
      System.out.println("runs");
      ResultPrinter.print(lh.sql("""
          SELECT left(run_id, 8) AS run, min(started_at) AS started_at,
                 round((unix_millis(max(finished_at)) - unix_millis(min(started_at))) / 1000, 1) AS seconds,
                 count_if(status = 'succeeded') AS ran, count_if(status = 'skipped') AS up_to_date,
                 count_if(status = 'failed') AS failed_attempts
          FROM ops.run_ledger GROUP BY run_id ORDER BY started_at DESC LIMIT 5"""),
          ResultPrinter.Format.TABLE, 5, System.out);
    }
    if (lh.exists(QualityTask.RESULTS)) {
      System.out.println();
      System.out.println("data-quality gates, last check (" + QualityTask.RESULTS + ")");
      ResultPrinter.print(lh.sql("""
          SELECT gate, category, severity, status, violations, checked_at
          FROM ops.dq_result WHERE run_id = (SELECT max_by(run_id, checked_at) FROM ops.dq_result)
          ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, gate"""),
          ResultPrinter.Format.TABLE, 100, System.out);
    }
    if (lh.exists(Tables.INGEST_LEDGER)) {
      System.out.println();
      System.out.println("last ingest batches");
      ResultPrinter.print(lh.sql("""
          SELECT batch_id, kind, source_system AS source, count(*) AS files, sum(lines) AS lines,
                 sum(accepted) AS accepted, sum(quarantined) AS quarantined, sum(blank) AS blank,
                 sum(tombstones) AS tombstones, max(committed_at) AS committed_at
          FROM ops.ingest_ledger GROUP BY batch_id, kind, source_system
          ORDER BY committed_at DESC LIMIT 10"""), ResultPrinter.Format.TABLE, 10, System.out);
    }
    if (lh.exists(Tables.QUARANTINE_INPUT)) {
      System.out.println();
      System.out.println("quarantine by reason");
      ResultPrinter.print(lh.sql("""
          SELECT kind, source_system AS source, reason, count(*) AS units, count(DISTINCT file) AS files,
                 max(quarantined_at) AS last_seen
          FROM quarantine.input GROUP BY kind, source_system, reason ORDER BY units DESC"""),
          ResultPrinter.Format.TABLE, 100, System.out);
    }
    if (lh.exists(CodeQuality.DQ_METRICS)) {
      System.out.println();
      System.out.println("codes in silver (last build): share standard / mapped / unmapped / invalid");
      ResultPrinter.print(lh.sql("""
          SELECT table_name AS table, sum(codes) AS codes,
                 format_number(100 * sum(standard) / sum(codes), 1) AS standard_pct,
                 format_number(100 * sum(mapped) / sum(codes), 1) AS mapped_pct,
                 format_number(100 * sum(unmapped) / sum(codes), 1) AS unmapped_pct,
                 format_number(100 * sum(invalid) / sum(codes), 1) AS invalid_pct
          FROM ops.dq_metrics
          WHERE run_id = (SELECT max_by(run_id, measured_at) FROM ops.dq_metrics)
          GROUP BY table_name ORDER BY table_name"""), ResultPrinter.Format.TABLE, 100, System.out);
    }
    return Carelake.OK;
  }
}
