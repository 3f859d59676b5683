package org.carelake.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.DashboardConfig;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.audit.AuditVerifier;
import org.carelake.dashboard.audit.JournalDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code carelake audit verify}: recomputes the hash chain of {@code ops.audit_log}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The dashboard's audit log (ops.audit_log).",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand {
  @ParentCommand
  Carelake root;

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Recompute the hash chain; exit 1 naming the first entry that does not chain.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand
    AuditCommand parent;

    @Option(names = "--config-dir", paramLabel = "DIR",
        description = "The dashboard's settings, for dashboard.audit.journal-dir (default: as serve).")
    Path configDir;

    @Override
    public Integer call() {
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake audit");
      // The journal's entries not yet in Delta (a running server's last second, or a crash's) are verified too.
      String configured = DashboardConfig.load(
          configDir != null ? configDir : DashboardConfig.defaultConfigDir()).auditJournalDir();
      AuditVerifier.Result r = AuditVerifier.verify(lh, JournalDir.resolve(lh.root(), configured));
      if (r.ok()) {
        System.out.println(AuditLog.TABLE + ": " + r.entries() + " entries, chain intact"
            + (r.lastGood() == null ? "" : "; last seq " + r.lastGood().seq() + " hash " + r.lastGood().hash()));
        return Carelake.OK;
      }
      System.out.println(AuditLog.TABLE + ": BROKEN at seq " + r.brokenSeq() + ": " + r.problem() + " ("
          + r.entries() + " entries before it verify)");
      return Carelake.FAILURE;
    }
  }
}
