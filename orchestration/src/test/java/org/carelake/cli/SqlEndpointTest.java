package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.spark.connect.proto.Catalog;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.ListTables;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Read;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.SqlCommand;
import org.apache.spark.connect.proto.UserContext;
import org.apache.spark.connect.proto.WriteOperation;
import org.carelake.connect.SqlEndpoint;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.dashboard.auth.AccessTokens;
import org.carelake.dashboard.auth.PasswordHasher;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkproject.connect.grpc.ManagedChannel;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.Status;
import org.sparkproject.connect.grpc.StatusRuntimeException;
import org.sparkproject.connect.grpc.netty.NettyChannelBuilder;
import org.sparkproject.connect.grpc.stub.MetadataUtils;

/**
 * {@code connect}: the Spark Connect endpoint over a real TCP socket, driven with Spark Connect's own gRPC stubs (what
 * every Connect client sends): tokens, roles and the analyst's tables decided on the analyzed plan.
 */
class SqlEndpointTest {
  @TempDir
  static Path dir;
  private static Lakehouse lh;
  private static SqlEndpoint endpoint;
  private static ManagedChannel channel;
  private static String analyst;
  private static String admin;
  private static String careManager;

  @BeforeAll
  static void endpointOnALakehouseWithIdentifiedAndDeidentifiedTables() throws Exception {
    String lake = dir.resolve("lake").toString();
    lh = Lakehouse.open(SharedSpark.session(), CarelakeConfig.builder().lakehouse(lake).build());
    lh.overwrite(TableName.parse("silver.patient"), lh.sql("SELECT * FROM VALUES ('p1', 'Alice', 'Smith') "
        + "AS t(person_id, given, family)"));
    lh.overwrite(TableName.parse("gold.dim_person"), lh.sql("SELECT person_id, given AS given_name "
        + "FROM silver.patient"));
    lh.overwrite(TableName.parse("deid.person"), lh.sql("SELECT * FROM VALUES ('9f2c', 75, '021'), "
        + "('1ab0', 90, '000') AS t(person_id, age, zip3)"));
    // Users straight into the store with a cheap hash: passwords play no part here (the CLI's user add is tested in
    // AnalystAccessTest); tokens come from the CLI below.
    UserStore users = new UserStore(lh);
    String hash = new PasswordHasher(1).hash("an-analyst-password".toCharArray());
    users.put(new User("ana", Role.ANALYST, List.of(), hash, false));
    users.put(new User("adm", Role.ADMIN, List.of(), hash, false));
    users.put(new User("cm", Role.CARE_MANAGER, List.of("o1"), hash, false));
    analyst = token(lake, "ana");
    admin = token(lake, "adm");
    CliRun refused = CliRun.of("--lakehouse", lake, "user", "token", "cm");
    assertEquals(Carelake.USAGE, refused.code(), "no token for care managers");
    // A token issued before the user became a care manager still gets nowhere.
    careManager = new AccessTokens(lh).issue("cm");
    // A view in deid over an identified table (the CLI runs above attach the catalog anew, so it comes after them).
    lh.spark().sql("CREATE OR REPLACE VIEW deid.sneaky AS SELECT * FROM gold.dim_person");
    endpoint = SqlEndpoint.start(lh, "127.0.0.1", 0);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private static String token(String lake, String user) {
    CliRun r = CliRun.of("--lakehouse", lake, "user", "token", user);
    assertEquals(0, r.code(), r.err());
    String t = r.out().trim();
    assertTrue(t.startsWith("clk_") && t.length() == 68, t);
    return t;
  }

  private static Plan sql(String query) {
    return Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SQL.newBuilder().setQuery(query))).build();
  }

  /** The rows (tab-separated, header first) of one plan run as {@code userId} with this token (null: none). */
  private static List<String> run(String token, String userId, Plan plan) throws Exception {
    var stub = SparkConnectServiceGrpc.newBlockingStub(channel);
    if (token != null) {
      Metadata h = new Metadata();
      h.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
    }
    var request = ExecutePlanRequest.newBuilder().setSessionId(UUID.randomUUID().toString())
        .setUserContext(UserContext.newBuilder().setUserId(userId)).setPlan(plan).build();
    List<String> rows = new ArrayList<>();
    var responses = stub.withDeadlineAfter(120, TimeUnit.SECONDS).executePlan(request);
    while (responses.hasNext()) {
      ExecutePlanResponse r = responses.next();
      if (r.hasArrowBatch()) {
        try (var alloc = new RootAllocator(); var reader = new ArrowStreamReader(
            new ByteArrayInputStream(r.getArrowBatch().getData().toByteArray()), alloc)) {
          while (reader.loadNextBatch()) {
            rows.addAll(reader.getVectorSchemaRoot().contentToTSVString().lines().toList());
          }
        }
      }
    }
    return rows;
  }

  private static StatusRuntimeException refused(String token, String userId, Plan plan) {
    return assertThrows(StatusRuntimeException.class, () -> run(token, userId, plan), plan.toString());
  }

  @Test
  void anAnalystReadsDeidOnlyHoweverThePlanReachesIdentifiedTables() throws Exception {
    List<String> rows = run(analyst, "ana", sql("SELECT zip3, age FROM deid.person ORDER BY zip3"));
    assertTrue(rows.contains("000\t90") && rows.contains("021\t75"), rows.toString());

    for (String[] q : List.of(
        new String[] {"SELECT * FROM silver.patient", "may not read silver.patient"},
        new String[] {"SELECT * FROM deid.person d JOIN gold.dim_person g USING (person_id)", "gold.dim_person"},
        new String[] {"SELECT * FROM deid.sneaky", "gold.dim_person"},
        new String[] {"SELECT * FROM deid.person WHERE person_id IN (SELECT person_id FROM silver.patient)",
            "silver.patient"},
        new String[] {"SELECT java_method('java.lang.System', 'getenv', 'HOME') FROM deid.person", "reflect"})) {
      StatusRuntimeException e = refused(analyst, "ana", sql(q[0]));
      assertTrue(e.getMessage().contains(q[1]), q[0] + ": " + e.getMessage());
      assertFalse(e.getMessage().contains("Alice"), e.getMessage());
    }
    // The client's claimed user is replaced by the token's: claiming the admin changes nothing.
    assertTrue(refused(analyst, "adm", sql("SELECT given_name FROM gold.dim_person")).getMessage()
        .contains("gold.dim_person"));

    Plan drop = Plan.newBuilder().setCommand(Command.newBuilder().setSqlCommand(SqlCommand.newBuilder()
        .setInput(Relation.newBuilder().setSql(SQL.newBuilder().setQuery("DROP TABLE deid.person"))))).build();
    assertTrue(refused(analyst, "ana", drop).getMessage().contains("only run queries"));
    Plan write = Plan.newBuilder().setCommand(Command.newBuilder().setWriteOperation(WriteOperation.newBuilder()
        .setInput(Relation.newBuilder().setSql(SQL.newBuilder().setQuery("SELECT * FROM deid.person")))
        .setTable(WriteOperation.SaveTable.newBuilder().setTableName("deid.copy")))).build();
    assertEquals(Status.Code.PERMISSION_DENIED, refused(analyst, "ana", write).getStatus().getCode());
    Plan file = Plan.newBuilder().setRoot(Relation.newBuilder().setRead(Read.newBuilder().setDataSource(
        Read.DataSource.newBuilder().setFormat("delta").addPaths(lh.path(TableName.parse("silver.patient"))))))
        .build();
    assertEquals(Status.Code.PERMISSION_DENIED, refused(analyst, "ana", file).getStatus().getCode());
    Plan catalog = Plan.newBuilder().setRoot(Relation.newBuilder().setCatalog(Catalog.newBuilder()
        .setListTables(ListTables.newBuilder().setDbName("silver")))).build();
    assertEquals(Status.Code.PERMISSION_DENIED, refused(analyst, "ana", catalog).getStatus().getCode());
    assertEquals(2L, lh.sql("SELECT count(*) FROM deid.person").first().getLong(0), "nothing was dropped");

    endpoint.flushAudit();
    List<String> audit = lh.sql("SELECT concat(action, ' ', detail) FROM ops.audit_log WHERE `user` = 'ana' "
        + "AND client LIKE 'connect:127.0.0.1:%'").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(audit.contains("sql.query connect tables=deid.person"), audit.toString());
    assertTrue(audit.stream().anyMatch(a -> a.startsWith("sql.denied") && a.contains("silver.patient")),
        audit.toString());
  }

  @Test
  void noValidTokenNoCareManagerAndTheAdminReadsEverything() throws Exception {
    Plan q = sql("SELECT count(*) FROM deid.person");
    assertEquals(Status.Code.UNAUTHENTICATED, refused(null, "ana", q).getStatus().getCode());
    StatusRuntimeException wrong = refused("clk_" + "0".repeat(64), "ana", q);
    assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
    assertTrue(wrong.getMessage().contains("not valid"), wrong.getMessage());
    StatusRuntimeException cm = refused(careManager, "cm", q);
    assertEquals(Status.Code.PERMISSION_DENIED, cm.getStatus().getCode());
    assertTrue(cm.getMessage().contains("care managers have no SQL access"), cm.getMessage());

    List<String> rows = run(admin, "whoever", sql("SELECT given_name FROM gold.dim_person"));
    assertEquals(List.of("given_name", "Alice"), rows);
    endpoint.flushAudit();
    assertTrue(lh.sql("SELECT * FROM ops.audit_log WHERE `user` = 'adm' AND action = 'sql.query' "
        + "AND detail = 'connect tables=gold.dim_person'").count() == 1, "one entry for the admin's query");
  }
}
