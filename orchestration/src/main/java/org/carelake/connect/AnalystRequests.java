package org.carelake.connect;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.ConfigRequest;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.sparkproject.connect.protobuf.Descriptors.FieldDescriptor;
import org.sparkproject.connect.protobuf.Message;

/**
 * What an analyst's Spark Connect request may hold, decided on the request before Spark turns it into a plan: plans
 * and SQL only. Code (UDFs of every kind, plugins' extension messages), file and external data sources and the
 * catalog API (it lists and changes the catalog without an analyzed plan) are refused; so are commands other than
 * SQL, caching and setting configuration. What remains becomes a plan that {@link SqlEndpoint}'s check rule holds to
 * the analyst's tables.
 */
final class AnalystRequests {
  /** The RPCs an analyst may call; artifacts (jars, classes), clones and the rest are refused. */
  static final Set<String> METHODS = Set.of("ExecutePlan", "AnalyzePlan", "Config", "ReattachExecute",
      "ReleaseExecute", "ReleaseSession", "Interrupt", "FetchErrorDetails");

  private static final Map<String, String> FORBIDDEN = Map.ofEntries(
      Map.entry("spark.connect.CommonInlineUserDefinedFunction", "user-defined functions"),
      Map.entry("spark.connect.CommonInlineUserDefinedTableFunction", "user-defined table functions"),
      Map.entry("spark.connect.CommonInlineUserDefinedDataSource", "user-defined data sources"),
      Map.entry("spark.connect.PythonUDF", "user-defined functions"),
      Map.entry("spark.connect.ScalarScalaUDF", "user-defined functions"),
      Map.entry("spark.connect.JavaUDF", "user-defined functions"),
      Map.entry("spark.connect.Catalog", "the catalog API (use SQL on deid.* and ref.*)"),
      Map.entry("spark.connect.Read.DataSource", "reading files or external sources (read tables by name)"),
      Map.entry("spark.connect.MlRelation", "ML operations"),
      Map.entry("spark.connect.MlCommand", "ML operations"),
      Map.entry("google.protobuf.Any", "extension messages"));

  private AnalystRequests() {}

  /** Why the request is refused, or null. */
  static String refusal(Message request) {
    if (request instanceof ExecutePlanRequest r && r.getPlan().hasCommand()
        && !r.getPlan().getCommand().hasSqlCommand()) {
      return "the endpoint is read-only for analysts: " + r.getPlan().getCommand().getCommandTypeCase()
          + " is not a query";
    }
    if (request instanceof AnalyzePlanRequest r && (r.hasPersist() || r.hasUnpersist())) {
      return "analysts do not cache data on the server";
    }
    if (request instanceof ConfigRequest r && (r.getOperation().hasSet() || r.getOperation().hasUnset())) {
      return "analysts do not change the server's configuration";
    }
    return forbidden(request);
  }

  /** The first forbidden message anywhere in the request, depth first. */
  private static String forbidden(Message m) {
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      String what = FORBIDDEN.get(f.getMessageType().getFullName());
      if (what != null) {
        return "analysts may not use " + what;
      }
      List<?> values = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
      for (Object v : values) {
        String inner = forbidden((Message) v);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}
