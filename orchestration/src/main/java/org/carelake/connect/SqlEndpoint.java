package org.carelake.connect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.auth.AccessTokens;
import org.carelake.dashboard.auth.QueryGuard;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import scala.Option;
import scala.runtime.BoxedUnit;

/**
 * The lakehouse's network SQL endpoint: Spark Connect's gRPC service started in this JVM on the lakehouse's session.
 * {@link TokenInterceptor} authenticates every request by its access token and binds the Connect session it uses to
 * the token's user; a check rule injected into the session extensions then holds every plan Spark analyzes in such a
 * session to {@link QueryGuard} for that user's role, and records it in ops.audit_log. One endpoint per JVM: Spark
 * Connect's service is a singleton.
 */
public final class SqlEndpoint implements AutoCloseable {
  /** How long an authenticated token is trusted before ops.access_token and ops.user are read again. */
  static final Duration TOKEN_TTL = Duration.ofSeconds(30);
  private static final AtomicBoolean RULE_INSTALLED = new AtomicBoolean();
  private static volatile SqlEndpoint current;

  /** An authenticated user and where the request came from (for the audit log). */
  record Caller(User user, String client) {}

  private record Known(Optional<User> user, Instant until) {}

  private record Recorded(String detail, Instant at) {}

  private final SparkSession root;
  private final AccessTokens tokens;
  private final UserStore users;
  private final AuditLog audit;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  // Connect sessions by identity, dropped with the session: each belongs to the user who first reached it.
  private final Map<SparkSession, Caller> sessions = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<SparkSession, Recorded> lastAudited = Collections.synchronizedMap(new WeakHashMap<>());

  private SqlEndpoint(Lakehouse lh) {
    this.root = lh.spark();
    this.tokens = new AccessTokens(lh);
    this.users = new UserStore(lh);
    this.audit = new AuditLog(lh, Clock.systemUTC());
  }

  /** Starts the endpoint on {@code host:port} (port 0: any free port); returns once it listens. */
  public static synchronized SqlEndpoint start(Lakehouse lh, String host, int port) {
    if (current != null) {
      throw new IllegalStateException("a SQL endpoint already runs in this JVM");
    }
    installCheckRule(lh.spark());
    SqlEndpoint endpoint = new SqlEndpoint(lh);
    current = endpoint;
    SparkConf conf = SparkEnv.get().conf();
    conf.set("spark.connect.grpc.binding.address", host);
    conf.set("spark.connect.grpc.binding.port", String.valueOf(port));
    conf.set("spark.connect.grpc.port.maxRetries", "0");
    conf.set("spark.connect.grpc.interceptor.classes", TokenInterceptor.class.getName());
    try {
      SparkConnectService$.MODULE$.start(lh.spark().sparkContext());
    } catch (RuntimeException e) {
      current = null;
      throw e;
    }
    return endpoint;
  }

  static SqlEndpoint current() {
    return current;
  }

  public int port() {
    return SparkConnectService$.MODULE$.localPort();
  }

  /** The user of a current token, not disabled; cached for {@link #TOKEN_TTL} (revocations apply within it). */
  Optional<User> authenticate(String token) {
    String key = AccessTokens.sha256(token);
    Known k = known.get(key);
    if (k == null || Instant.now().isAfter(k.until())) {
      if (known.size() > 10_000) {
        known.clear();
      }
      Optional<User> user = asRoot(() -> tokens.owner(token).flatMap(users::find).filter(u -> !u.disabled()));
      k = new Known(user, Instant.now().plus(TOKEN_TTL));
      known.put(key, k);
    }
    return k.user();
  }

  /** Binds a Connect session to its caller; false when the session belongs to someone else. */
  boolean bind(SparkSession session, Caller caller) {
    synchronized (sessions) {
      Caller owner = sessions.putIfAbsent(session, caller);
      if (owner != null && !owner.user().name().equals(caller.user().name())) {
        return false;
      }
      sessions.put(session, caller);
      return true;
    }
  }

  /** A refusal before any plan exists (role, request type): audited with the user's name only. */
  void denied(Caller caller, String reason) {
    record(caller, "sql.denied", reason);
  }

  /** The check rule's work for one analyzed plan of a session; other sessions (the server's own) pass. */
  private void check(SparkSession session, LogicalPlan plan) {
    Caller caller = sessions.get(session);
    if (caller == null || DeltaLogReads.only(plan)) {
      return;
    }
    List<String> tables;
    try {
      tables = QueryGuard.checkAnalyzed(caller.user().role(), plan);
    } catch (QueryGuard.AccessDenied e) {
      record(caller, "sql.denied", e.getMessage());
      throw e;
    }
    if (caller.user().role() == Role.ADMIN) {
      tables = QueryGuard.tablesRead(plan);
    }
    // Plans that read no table hold no lakehouse data (constants, Delta's own reads for an admin's session). Connect
    // analyzes a query more than once (spark.sql, then collect, schema): one entry per tables and session in 10 s.
    if (tables.isEmpty()) {
      return;
    }
    String detail = "connect tables=" + String.join(",", tables);
    Recorded last = lastAudited.get(session);
    if (last != null && last.detail().equals(detail) && Instant.now().isBefore(last.at().plusSeconds(10))) {
      return;
    }
    lastAudited.put(session, new Recorded(detail, Instant.now()));
    record(caller, "sql.query", detail);
  }

  private void record(Caller caller, String action, String detail) {
    try {
      audit.record(new AuditLog.Event(caller.user().name(), caller.user().role().id(), action, null, detail,
          caller.client())).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the audit log", e);
    } catch (java.util.concurrent.ExecutionException e) {
      // Nothing runs that is not accounted for.
      throw new IllegalStateException("could not write the audit log: " + e.getCause(), e.getCause());
    }
  }

  /** Runs with the lakehouse's own session active, so Delta's internal reads never happen in a caller's session. */
  private <T> T asRoot(Supplier<T> work) {
    Option<SparkSession> before = SparkSession.getActiveSession();
    SparkSession.setActiveSession(root);
    try {
      return work.get();
    } finally {
      if (before.isDefined()) {
        SparkSession.setActiveSession(before.get());
      } else {
        SparkSession.clearActiveSession();
      }
    }
  }

  /**
   * The check rule goes into the session extensions once per JVM: Connect's sessions are new sessions of this one and
   * share its extensions. It does nothing in sessions no caller is bound to.
   */
  private static void installCheckRule(SparkSession spark) {
    if (RULE_INSTALLED.compareAndSet(false, true)) {
      ((org.apache.spark.sql.classic.SparkSession) spark).extensions().injectCheckRule(session -> plan -> {
        SqlEndpoint endpoint = current;
        if (endpoint != null) {
          endpoint.check(session, plan);
        }
        return BoxedUnit.UNIT;
      });
    }
  }

  /** Moves the audit entries journaled so far into {@code ops.audit_log} (for readers of the table, such as tests). */
  public void flushAudit() {
    audit.flush();
  }

  @Override
  public synchronized void close() {
    if (current == this) {
      SparkConnectService$.MODULE$.stop(Option.empty(), Option.empty());
      audit.close();
      current = null;
    }
  }
}
