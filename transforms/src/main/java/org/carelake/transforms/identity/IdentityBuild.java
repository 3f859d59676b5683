package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import io.delta.tables.DeltaTable;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.carelake.core.Checkpoints;
import org.carelake.core.Lakehouse;

/**
 * The identity task, between silver and gold: source patients -> candidate pairs by blocking -> comparison
 * vectors on the executors -> m and lambda by EM -> LINK / REVIEW / NO_LINK -> plus deterministic links (those the
 * records' demographics contradict go to review) and manual overrides -> connected components -> stable person_ids -> silver.person_map, person_id in every silver
 * table, gold.identity_link, gold.identity_review, gold.identity_history. See docs/identity.md.
 */
public final class IdentityBuild {
  /** Prior share of matches among all record pairs when EM does not run. */
  public static final double DEFAULT_LAMBDA = 1e-5;
  private static final StructType EDGE = new StructType().add("a", DataTypes.StringType)
      .add("b", DataTypes.StringType).add("rule", DataTypes.StringType);

  /** What a run did. */
  public record Result(long records, long candidatePairs, long links, long reviews, long persons,
                       long idsChanged, long rowsUpdated, boolean emEstimated, long millis) {}

  private final Lakehouse lh;
  private final IdentityOptions options;
  private final PrintStream log;

  public IdentityBuild(Lakehouse lh, IdentityOptions options, PrintStream log) {
    this.lh = lh;
    this.options = options;
    this.log = log;
  }

  public Result run() {
    long start = System.currentTimeMillis();
    if (!lh.exists(IdentityTables.PATIENT)) {
      log.println("identity: no silver.patient yet; nothing to resolve");
      return new Result(0, 0, 0, 0, 0, 0, 0, false, 0);
    }
    // Normalized once: the placeholder count and the stripping both read it.
    Dataset<Row> normalized = SourceRecords.of(lh.table(IdentityTables.PATIENT)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> records = PlaceholderIdentifiers.strip(normalized, options.maxIdentifierGroup(), log)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long n = records.count();
    normalized.unpersist();
    ComparisonSet set = ComparisonSet.standard();
    Dataset<Row> comparisons = PairComparisons.of(records, set, options.maxBlock(), log)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long pairs = comparisons.count();
    log.printf("identity: %,d source patients, %,d candidate pairs in %.1f s%n", n, pairs,
        (System.currentTimeMillis() - start) / 1000.0);
    ModelFit.Result fit = ModelFit.fit(comparisons, pairs, set.defaultModel(DEFAULT_LAMBDA), options, log);
    LinkDecision decision = new LinkDecision(set, options.upper(), options.lower());
    Dataset<Row> scored = PairDecisions.of(comparisons, fit.model(), decision)
        .withColumn("rule", lit("probabilistic")).persist(StorageLevel.MEMORY_AND_DISK());
    IdentifierLinkCheck.Split identifiers = IdentifierLinkCheck.of(
        DeterministicLinks.of(lh, records, options.maxIdentifierGroup(), log), records, set, fit.model(), decision);
    Dataset<Row> deterministic = identifiers.accepted();
    // An overlay the scoring already sent to review is listed once.
    Dataset<Row> decided = scored.unionByName(identifiers.contested()
        .join(scored.select("a", "b"), new String[] {"a", "b"}, "left_anti")).persist(StorageLevel.MEMORY_AND_DISK());

    Overrides overrides = Overrides.read(lh.spark(), options.overrides());
    Dataset<Row> edges = decided.where(col("decision").equalTo("LINK")).select("a", "b", "rule")
        .unionByName(deterministic).unionByName(manualLinks(overrides));
    edges = detach(edges, overrides);
    Dataset<Row> components = ConnectedComponents.of(edges.select("a", "b"), log);
    Dataset<Row> clusters = records.select("rec_key", "source_system", "source_patient_id")
        .join(components, col("rec_key").equalTo(col("node")), "left")
        .select(col("rec_key"), col("source_system"), col("source_patient_id"),
            coalesce(col("component"), col("rec_key")).as("component"));

    Dataset<Row> previous = lh.exists(IdentityTables.PERSON_MAP) ? lh.table(IdentityTables.PERSON_MAP) : null;
    long mapVersion = previous == null ? -1 : DeltaTable.forPath(lh.spark(), lh.path(IdentityTables.PERSON_MAP))
        .history(1).select("version").head().getLong(0);
    // Cut from its lineage: it is computed from the person map that this run then overwrites.
    Dataset<Row> assigned = Checkpoints.cut(StableIds.assign(clusters, previous,
        PersonIdPropagation.rowsPerSource(lh)));
    log.printf("  identity: clusters and ids at %.1f s%n", (System.currentTimeMillis() - start) / 1000.0);

    // Writes in an order that a rerun after a crash repeats to the same end: the derived tables are replaced,
    // history is merged by map version, person_id is propagated, and the map the next run starts from goes last.
    long[] counts = writeLinks(decided, deterministic, edges, assigned);
    long changed = IdentityHistory.record(lh, assigned, mapVersion);
    log.printf("  identity: links, review and history written at %.1f s%n",
        (System.currentTimeMillis() - start) / 1000.0);
    Dataset<Row> toPropagate = assigned
        .where(col("person_id").notEqual(substring(sha2(expr("concat_ws('|', source_system, source_patient_id)"),
            256), 1, 20)).or(col("previous_person_id").isNotNull()
            .and(col("previous_person_id").notEqual(col("person_id")))))
        .select("source_system", "source_patient_id", "person_id").cache();
    long updated = toPropagate.isEmpty() ? 0 : PersonIdPropagation.run(lh, toPropagate, log);
    lh.overwrite(IdentityTables.PERSON_MAP, assigned.select("source_system", "source_patient_id", "person_id",
        "cluster_size"));
    long persons = lh.table(IdentityTables.PERSON_MAP).select("person_id").distinct().count();
    toPropagate.unpersist();
    decided.unpersist();
    scored.unpersist();
    identifiers.unpersist();
    comparisons.unpersist();
    records.unpersist();
    long millis = System.currentTimeMillis() - start;
    log.printf("identity: %,d source patients -> %,d persons; %,d links, %,d to review; %,d ids changed, %,d silver"
        + " rows updated in %.1f s%n", n, persons, counts[0], counts[1], changed, updated, millis / 1000.0);
    return new Result(n, pairs, counts[0], counts[1], persons, changed, updated, fit.estimated(), millis);
  }

  private Dataset<Row> manualLinks(Overrides overrides) {
    List<Row> rows = overrides.links().stream()
        .map(p -> RowFactory.create(min(p.a(), p.b()), max(p.a(), p.b()), "manual")).toList();
    return lh.spark().createDataFrame(rows, EDGE);
  }

  /** Unlink overrides: every automatic edge touching record b is dropped, so b leaves a's cluster. */
  private Dataset<Row> detach(Dataset<Row> edges, Overrides overrides) {
    Set<String> detached = new HashSet<>();
    overrides.unlinks().forEach(p -> detached.add(p.b()));
    if (detached.isEmpty()) {
      return edges;
    }
    Object[] keys = detached.toArray();
    return edges.where(col("rule").equalTo("manual").or(col("a").isin(keys).or(col("b").isin(keys)).unary_$bang()));
  }

  /** gold.identity_link and gold.identity_review; returns {links, reviews}. */
  private long[] writeLinks(Dataset<Row> decided, Dataset<Row> deterministic, Dataset<Row> edges,
                            Dataset<Row> assigned) {
    Dataset<Row> ids = assigned.select(expr("concat_ws('|', source_system, source_patient_id)").as("k"),
        col("person_id"));
    Dataset<Row> rules = deterministic.unionByName(edges.where(col("rule").equalTo("manual")))
        .withColumn("weight", lit(null).cast("double")).withColumn("probability", lit(null).cast("double"))
        .withColumn("decision", lit("LINK")).withColumn("guard", lit(null).cast("string"))
        .withColumn("evidence", lit(null).cast("string"));
    Dataset<Row> all = decided.unionByName(rules)
        .join(ids.withColumnRenamed("k", "a").withColumnRenamed("person_id", "person_id_a"), "a")
        .join(ids.withColumnRenamed("k", "b").withColumnRenamed("person_id", "person_id_b"), "b")
        .select(expr("substring_index(a, '|', 1)").as("source_system_a"),
            expr("substring(a, length(substring_index(a, '|', 1)) + 2)").as("source_patient_id_a"),
            expr("substring_index(b, '|', 1)").as("source_system_b"),
            expr("substring(b, length(substring_index(b, '|', 1)) + 2)").as("source_patient_id_b"),
            col("rule"), col("decision"), col("weight"), col("probability"), col("guard"), col("evidence"),
            col("person_id_a"), col("person_id_b"))
        .cache();
    lh.overwrite(IdentityTables.LINK, all.where(col("decision").equalTo("LINK")).drop("person_id_b")
        .withColumnRenamed("person_id_a", "person_id"));
    // A pair to review whose records ended up one person anyway (through other links) needs no steward.
    lh.overwrite(IdentityTables.REVIEW, all.where(col("decision").equalTo("REVIEW")
        .and(col("person_id_a").notEqual(col("person_id_b")))).drop("decision", "rule"));
    long[] counts = {lh.table(IdentityTables.LINK).count(), lh.table(IdentityTables.REVIEW).count()};
    all.unpersist();
    return counts;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) <= 0 ? b : a;
  }
}
