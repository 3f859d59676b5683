package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Links on a shared identifier (SSN, driver's licence, MRN), checked against the two records' own demographics: when
 * a level forbids an automatic link ({@link LinkDecision#forbidden}: birth dates no keying slip explains, given
 * names that share nothing, two different SSNs), the identifier is taken for an overlay (one MRN on two people, a
 * cloned test patient) and the pair goes to review instead of linking. Links a source asserted itself (HL7 merges,
 * Patient.link) and records this run cannot see are kept as they are.
 */
public final class IdentifierLinkCheck {
  private static final StructType CHECKED = new StructType()
      .add("a", DataTypes.StringType).add("b", DataTypes.StringType).add("rule", DataTypes.StringType)
      .add("weight", DataTypes.DoubleType).add("probability", DataTypes.DoubleType)
      .add("guard", DataTypes.StringType).add("evidence", DataTypes.StringType);
  private static final List<String> IDENTIFIER_RULES = List.of("ssn", "drivers_license", "mrn", "passport");

  /** The links that stand, (a, b, rule); the contested pairs, as {@link PairDecisions#SCHEMA} REVIEW rows with
   * their rule. */
  public record Split(Dataset<Row> accepted, Dataset<Row> contested, Dataset<Row> checked) {
    /** Releases the checked links both read. */
    public void unpersist() {
      checked.unpersist();
    }
  }

  private IdentifierLinkCheck() {}

  /** edges: (a, b, rule) from {@link DeterministicLinks}; records: {@link SourceRecords#SCHEMA}. */
  public static Split of(Dataset<Row> edges, Dataset<Row> records, ComparisonSet set, FellegiSunterModel model,
                         LinkDecision decision) {
    Dataset<Row> recs = records.select("rec_key", "record");
    Dataset<Row> checked = edges
        .join(recs.withColumnRenamed("rec_key", "a").withColumnRenamed("record", "ra"), new String[] {"a"}, "left")
        .join(recs.withColumnRenamed("rec_key", "b").withColumnRenamed("record", "rb"), new String[] {"b"}, "left")
        .select("a", "b", "rule", "ra", "rb")
        .map(new Check(set, model, decision), Encoders.row(CHECKED))
        // Both halves and the review below read it: computed once (two joins with the records).
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> accepted = checked.where(col("guard").isNull()).select("a", "b", "rule");
    Dataset<Row> contested = checked.where(col("guard").isNotNull())
        .selectExpr("a", "b", "weight", "probability", "'REVIEW' AS decision", "guard", "evidence", "rule");
    return new Split(accepted, contested, checked);
  }

  private static final class Check implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ComparisonSet set;
    private final FellegiSunterModel model;
    private final LinkDecision decision;

    Check(ComparisonSet set, FellegiSunterModel model, LinkDecision decision) {
      this.set = set;
      this.model = model;
      this.decision = decision;
    }

    @Override
    public Row call(Row r) {
      String rule = r.getString(2);
      if (!IDENTIFIER_RULES.contains(rule) || r.isNullAt(3) || r.isNullAt(4)) {
        return RowFactory.create(r.getString(0), r.getString(1), rule, null, null, null, null);
      }
      int[] levels = set.levels(SourceRecords.fromBytes((byte[]) r.get(3)), SourceRecords.fromBytes((byte[]) r.get(4)));
      Optional<String> forbidden = decision.forbidden(levels);
      if (forbidden.isEmpty()) {
        return RowFactory.create(r.getString(0), r.getString(1), rule, null, null, null, null);
      }
      double weight = model.weight(levels);
      return RowFactory.create(r.getString(0), r.getString(1), rule, weight,
          FellegiSunterModel.probability(weight, model.lambda()),
          "shared " + rule + " contradicted (possible overlay): " + forbidden.get(),
          PairDecisions.evidence(model, levels));
    }
  }
}
