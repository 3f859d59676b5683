package org.carelake.cli;

import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.auth.QueryGuard;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;

/**
 * {@code --as USER}: a command run with a dashboard user's role (ops.user), its reads checked by
 * {@link org.carelake.dashboard.auth.QueryGuard} and recorded in ops.audit_log. It scopes what the command reads; it
 * does not authenticate: whoever can run the command line can read the lakehouse's files, so the operating-system
 * permissions on the lakehouse are the boundary, and --as is how a shared analyst entry point keeps to the role.
 */
final class AsUser {
  private AsUser() {}

  static User resolve(Lakehouse lh, String name) {
    UserStore.checkName(name);
    User u = new UserStore(lh).find(name)
        .orElseThrow(() -> new IllegalArgumentException("no user '" + name + "' in " + UserStore.TABLE));
    if (u.disabled()) {
      throw new IllegalArgumentException("user '" + name + "' is disabled");
    }
    return u;
  }

  /** Appends one entry and waits until it is committed (nothing is shown that is not accounted for). */
  static void audit(Lakehouse lh, String user, String role, String action, String detail) throws Exception {
    try (AuditLog log = new AuditLog(lh, Clock.systemUTC())) {
      log.record(new AuditLog.Event(user, role, action, null, detail, "cli:" + System.getProperty("user.name")))
          .get();
    }
  }

  /**
   * The query's rows. Without a user (null), any query; with one, only once the role may read every table its
   * analyzed plan reads: the query and any refusal are recorded in ops.audit_log, and a refusal throws
   * {@link QueryGuard.AccessDenied}. Shared by {@code sql --as} and {@code notebook run --as}.
   */
  static Dataset<Row> query(Lakehouse lh, User user, String sql) throws Exception {
    if (user == null) {
      return lh.sql(sql);
    }
    List<String> tables;
    try {
      tables = QueryGuard.check(lh.spark(), user.role(), sql);
    } catch (QueryGuard.AccessDenied e) {
      audit(lh, user.name(), user.role().id(), "sql.denied", e.getMessage());
      throw e;
    }
    audit(lh, user.name(), user.role().id(), "sql.query",
        user.role() == Role.ADMIN ? "unrestricted" : "tables=" + String.join(",", tables));
    return lh.sql(sql);
  }
}
