package org.carelake.dashboard.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Which tables a role may query with SQL, decided on Spark's analyzed plan (not the query text): every relation the
 * plan reads, including views, their tables and subqueries in expressions, must be a catalog table of a layer the role
 * may read. Analysts read {@code deid.*} and {@code ref.*} (terminology, no PHI) only; care managers see their panel
 * through the dashboard, which SQL cannot scope, so they have no SQL; admins read everything. Only queries pass:
 * statements that write, create, cache or set anything are refused before they run.
 */
public final class QueryGuard {
  /** The layers an analyst's queries may read. */
  public static final Set<String> ANALYST_LAYERS = Set.of("deid", "ref");

  private QueryGuard() {}

  /** A refused query; the message names the table or the statement. */
  public static final class AccessDenied extends RuntimeException {
    public AccessDenied(String message) {
      super(message);
    }
  }

  /**
   * Checks {@code sql} for {@code role}; returns the tables it reads ({@code layer.table}, sorted). Throws
   * {@link AccessDenied} when the role may not run it, or Spark's own exception when it does not analyze.
   */
  public static List<String> check(SparkSession spark, Role role, String sql) throws Exception {
    if (role == Role.CARE_MANAGER) {
      throw new AccessDenied("care managers have no SQL access: their panel is in the dashboard");
    }
    var session = (org.apache.spark.sql.classic.SparkSession) spark;
    LogicalPlan parsed = session.sessionState().sqlParser().parsePlan(sql);
    if (role != Role.ADMIN && (parsed instanceof Command || parsed instanceof ParsedStatement
        || parsed instanceof InsertIntoStatement)) {
      throw new AccessDenied(role.id() + " may only run queries (SELECT, WITH, VALUES), not " + parsed.nodeName());
    }
    if (role == Role.ADMIN) {
      return List.of();
    }
    var execution = session.sessionState().executePlan(parsed, CommandExecutionMode.SKIP());
    execution.assertAnalyzed();
    return checkAnalyzed(role, execution.analyzed());
  }

  /**
   * Checks a plan Spark has analyzed, however it was built (SQL text, a DataFrame, a Spark Connect request); returns
   * the tables it reads like {@link #check}. Commands (writes, DDL, SET, CACHE, SHOW) pass for admins only.
   */
  public static List<String> checkAnalyzed(Role role, LogicalPlan analyzed) {
    if (role == Role.CARE_MANAGER) {
      throw new AccessDenied("care managers have no SQL access: their panel is in the dashboard");
    }
    if (role == Role.ADMIN) {
      return List.of();
    }
    Set<String> tables = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    collect(analyzed, tables, unknown, commands);
    if (!commands.isEmpty()) {
      throw new AccessDenied(role.id() + " may only run queries (SELECT, WITH, VALUES), not " + commands.get(0));
    }
    if (!unknown.isEmpty()) {
      throw new AccessDenied(role.id() + " may only read tables of " + layers() + "; the query reads "
          + unknown.get(0));
    }
    for (String t : tables) {
      String layer = t.contains(".") ? t.substring(0, t.indexOf('.')) : "";
      if (!ANALYST_LAYERS.contains(layer)) {
        throw new AccessDenied(role.id() + " may not read " + t + ": analysts read the de-identified tables of "
            + layers() + " (e.g. deid.person, deid.encounter)");
      }
    }
    return List.copyOf(tables);
  }

  /** The catalog tables an analyzed plan reads ({@code layer.table}, sorted), whatever the role. */
  public static List<String> tablesRead(LogicalPlan analyzed) {
    Set<String> tables = new TreeSet<>();
    collect(analyzed, tables, new ArrayList<>(), new ArrayList<>());
    return List.copyOf(tables);
  }

  private static String layers() {
    return String.join(", ", new TreeSet<>(ANALYST_LAYERS).stream().map(l -> l + ".*").toList());
  }

  private static void collect(LogicalPlan p, Set<String> tables, List<String> unknown, List<String> commands) {
    if (p instanceof Command) {
      commands.add(p.nodeName());
    }
    for (Expression e : CollectionConverters.asJava(p.expressions())) {
      // reflect()/java_method() call static JVM methods of the server (System.getenv, ...): no analyst needs them.
      if (e.find(x -> x instanceof CallMethodViaReflection).isDefined()) {
        unknown.add("reflect()/java_method(), which call the server's JVM");
      }
    }
    if (p instanceof View v) {
      tables.add(name(v.desc().identifier()));
    } else if (p instanceof LogicalRelation r) {
      if (r.catalogTable().isDefined()) {
        tables.add(name(r.catalogTable().get().identifier()));
      } else {
        unknown.add("a file path, not a table (" + r.relation().getClass().getSimpleName() + ")");
      }
    } else if (p instanceof DataSourceV2Relation r) {
      if (r.identifier().isDefined()) {
        List<String> parts = new ArrayList<>(List.of(r.identifier().get().namespace()));
        parts.add(r.identifier().get().name());
        tables.add(String.join(".", parts).toLowerCase(Locale.ROOT));
      } else {
        unknown.add("a data source without a table name (" + r.table().name() + ")");
      }
    } else if (p.children().isEmpty() && !(p instanceof LocalRelation || p instanceof OneRowRelation
        || p instanceof Range || p instanceof CTERelationRef)) {
      unknown.add("a " + p.nodeName() + " relation");
    }
    for (LogicalPlan child : CollectionConverters.asJava(p.children())) {
      collect(child, tables, unknown, commands);
    }
    // Subqueries live in expressions (IN, EXISTS, scalar), not among the children.
    for (LogicalPlan sub : CollectionConverters.asJava(p.subqueries())) {
      collect(sub, tables, unknown, commands);
    }
  }

  private static String name(TableIdentifier id) {
    String db = id.database().isDefined() ? id.database().get() : "";
    return (db.isEmpty() ? "" : db + ".").toLowerCase(Locale.ROOT) + id.table().toLowerCase(Locale.ROOT);
  }
}
