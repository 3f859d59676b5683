package org.carelake.cli;

import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.marts.cohort.CohortBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake cohort list|show ID}: the cohorts and their members, as the last run left them. */
@Command(name = "cohort", mixinStandardHelpOptions = true,
    description = "Cohorts (declarative definitions in marts/src/main/resources/cohorts): list them, show members.",
    subcommands = {CohortCommand.ListCohorts.class, CohortCommand.Show.class})
final class CohortCommand {
  @ParentCommand
  Carelake root;

  Lakehouse open(String what) {
    Lakehouse lh = Session.openTables(root.config(), what);
    if (!lh.exists(CohortBuild.COHORT)) {
      throw new IllegalArgumentException("no cohorts yet: run `carelake run` (task cohorts) first");
    }
    return lh;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Cohorts with current counts.")
  static final class ListCohorts implements Callable<Integer> {
    @ParentCommand
    CohortCommand parent;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, tsv or json.")
    String format;

    @Override
    public Integer call() {
      Lakehouse lh = parent.open("carelake cohort list");
      ResultPrinter.print(lh.sql("""
          SELECT c.cohort_id, c.title, c.members, c.as_of_date,
            (SELECT count(*) FROM gold.cohort_membership m WHERE m.cohort_id = c.cohort_id) AS ever_members,
            c.description
          FROM gold.cohort c ORDER BY c.cohort_id"""), ResultPrinter.format(format), 1000, System.out);
      return Carelake.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "A cohort's definition and members (current first; --all includes those who exited).")
  static final class Show implements Callable<Integer> {
    @ParentCommand
    CohortCommand parent;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--all", description = "Include past members (exited_on set).")
    boolean all;

    @Option(names = "--limit", defaultValue = "50", description = "Rows to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, tsv or json.")
    String format;

    @Override
    public Integer call() {
      if (!id.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("cohort id '" + id + "' is not valid: lower-case letters, digits, dashes");
      }
      Lakehouse lh = parent.open("carelake cohort show");
      if (lh.sql("SELECT 1 FROM gold.cohort WHERE cohort_id = '" + id + "'").isEmpty()) {
        throw new IllegalArgumentException("unknown cohort '" + id + "'; see `carelake cohort list`");
      }
      ResultPrinter.print(lh.sql("SELECT cohort_id, title, match, criteria, members, as_of_date FROM gold.cohort "
          + "WHERE cohort_id = '" + id + "'"), ResultPrinter.format(format), 10, System.out);
      ResultPrinter.print(lh.sql("SELECT m.person_id, p.given_name, p.family_name, p.birth_date, m.entered_on, "
          + "m.exited_on, m.reason FROM gold.cohort_membership m LEFT JOIN gold.dim_person p USING (person_id) "
          + "WHERE m.cohort_id = '" + id + "'" + (all ? "" : " AND m.exited_on IS NULL")
          + " ORDER BY m.exited_on IS NOT NULL, m.entered_on DESC, m.person_id LIMIT " + limit),
          ResultPrinter.format(format), limit, System.out);
      return Carelake.OK;
    }
  }
}
