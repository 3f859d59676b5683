package org.carelake.dashboard.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.DashboardConfig;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.audit.JournalDir;
import org.carelake.dashboard.auth.LoginService;
import org.carelake.dashboard.auth.SessionStore;
import org.carelake.dashboard.auth.UserStore;
import org.carelake.dashboard.data.CohortExplorer;
import org.carelake.dashboard.data.GoldReader;
import org.carelake.dashboard.data.OutreachStore;
import org.carelake.dashboard.oidc.OidcLogin;
import org.carelake.dashboard.oidc.OidcSettings;

/** The dashboard's services on one lakehouse: what the pages share. */
public final class Dashboard implements AutoCloseable {
  private final DashboardConfig config;
  private final UserStore users;
  private final LoginService login;
  private final SessionStore sessions;
  private final GoldReader gold;
  private final CohortExplorer cohorts;
  private final OutreachStore outreach;
  private final AuditLog audit;
  private final OidcLogin oidc;

  public Dashboard(Lakehouse lh, DashboardConfig config) {
    Clock clock = Clock.systemUTC();
    this.config = config;
    this.users = new UserStore(lh);
    this.login = new LoginService(users::find, Duration.ofMinutes(5), clock);
    this.sessions = new SessionStore(config.sessionIdle(), config.sessionMax(), clock);
    this.gold = new GoldReader(lh, config.cacheTtl(), clock, config.personCacheMaxBytes());
    this.cohorts = new CohortExplorer(lh, gold);
    this.outreach = new OutreachStore(lh);
    // Checked before the audit writer starts, so a bad OIDC configuration fails the start and leaves nothing running.
    this.oidc = OidcSettings.from(config.oidc()).map(s -> new OidcLogin(s, users, clock)).orElse(null);
    this.audit = new AuditLog(lh, clock, JournalDir.resolve(lh.root(), config.auditJournalDir()));
  }

  public DashboardConfig config() {
    return config;
  }

  public LoginService login() {
    return login;
  }

  public SessionStore sessions() {
    return sessions;
  }

  public GoldReader gold() {
    return gold;
  }

  public CohortExplorer cohorts() {
    return cohorts;
  }

  public OutreachStore outreach() {
    return outreach;
  }

  public UserStore users() {
    return users;
  }

  /** The OIDC sign-in, when {@code dashboard.oidc.issuer} is configured. */
  public Optional<OidcLogin> oidc() {
    return Optional.ofNullable(oidc);
  }

  /** Moves the audit entries journaled so far into {@code ops.audit_log} (readers of the table: tests, verify). */
  public void flushAudit() {
    audit.flush();
  }

  /**
   * Records an audit entry and waits until it is durable (fsynced in the journal, not yet necessarily in Delta); throws when it could not be written, so the caller shows
   * nothing it could not account for.
   */
  public void audit(Request req, String action, String personId, String detail) {
    var u = req.session().user();
    audit(u.name(), u.role().id(), action, personId, detail, req.client());
  }

  /** An entry for a request without a session (a refused sign-in); user and role may be null when unknown. */
  public void audit(String user, String role, String action, String personId, String detail, String client) {
    try {
      audit.record(new AuditLog.Event(user, role, action, personId, detail, client)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AuditUnavailableException(e);
    }
  }

  /** The audit log could not be written: the request fails closed. */
  public static final class AuditUnavailableException extends RuntimeException {
    AuditUnavailableException(Throwable cause) {
      super("audit log unavailable", cause);
    }
  }

  @Override
  public void close() {
    audit.close();
  }
}
