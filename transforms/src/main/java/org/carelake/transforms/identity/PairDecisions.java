package org.carelake.transforms.identity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Weight, probability and outcome of every compared pair under the fitted model, with the guard that held a LINK
 * back and the decisive evidence (the comparisons that weighed most, in order). NO_LINK pairs are dropped: they
 * are nearly all the pairs and nobody looks at them.
 */
public final class PairDecisions {
  /** Comparisons listed as decisive evidence. */
  private static final int EVIDENCE_ITEMS = 4;
  public static final StructType SCHEMA = new StructType()
      .add("a", DataTypes.StringType, false)
      .add("b", DataTypes.StringType, false)
      .add("weight", DataTypes.DoubleType)
      .add("probability", DataTypes.DoubleType)
      .add("decision", DataTypes.StringType)
      .add("guard", DataTypes.StringType)
      .add("evidence", DataTypes.StringType);

  private PairDecisions() {}

  /** comparisons: {@link PairComparisons#SCHEMA}; returns {@link #SCHEMA}, LINK and REVIEW only. */
  public static Dataset<Row> of(Dataset<Row> comparisons, FellegiSunterModel model, LinkDecision decision) {
    return comparisons.mapPartitions(new Decide(model, decision), Encoders.row(SCHEMA));
  }

  /** The decisive evidence of a comparison vector, e.g. {@code birth_date=exact(+14.2); phone=different(-2.1)}. */
  public static String evidence(FellegiSunterModel model, int[] levels) {
    List<String> parts = new ArrayList<>();
    for (Evidence.Item i : model.explain(levels).items()) {
      if (i.level() == 0 || parts.size() == EVIDENCE_ITEMS) {
        continue;
      }
      parts.add(String.format("%s=%s(%+.1f)%s", i.comparison(), i.levelName(), i.weight(),
          i.explainedAwayBy() == null ? "" : "[explained away by " + i.explainedAwayBy() + "]"));
    }
    return String.join("; ", parts);
  }

  private static final class Decide implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FellegiSunterModel model;
    private final LinkDecision decision;

    Decide(FellegiSunterModel model, LinkDecision decision) {
      this.model = model;
      this.decision = decision;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private Row next = advance();

        private Row advance() {
          while (rows.hasNext()) {
            Row r = rows.next();
            List<Integer> boxed = r.getList(2);
            int[] levels = new int[boxed.size()];
            for (int i = 0; i < levels.length; i++) {
              levels[i] = boxed.get(i);
            }
            double weight = model.weight(levels);
            double p = FellegiSunterModel.probability(weight, model.lambda());
            LinkOutcome outcome = decision.decide(levels, p);
            if (outcome != LinkOutcome.NO_LINK) {
              return RowFactory.create(r.getString(0), r.getString(1), weight, p, outcome.name(),
                  decision.guard(levels).orElse(null), evidence(model, levels));
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Row next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          Row out = next;
          next = advance();
          return out;
        }
      };
    }
  }
}
