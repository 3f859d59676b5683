package org.carelake.marts.risk;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many of the year's conditions reached the risk models as ICD-10-CM: as received (or conformed), only through a
 * SNOMED CT -> ICD-10-CM map, or not at all, with the most frequent SNOMED CT codes of the last kind. A population
 * coded in SNOMED CT without a map shows its gap here instead of silently scoring demographics only.
 */
final class DiagnosisCoverage {
  /** Unmapped SNOMED CT codes named in the report. */
  static final int TOP = 5;

  /** One unmapped code: how many of the year's conditions carry it. */
  record Unmapped(String code, String display, long conditions) {}

  final long conditions;
  final long received;
  final long crosswalk;
  final List<Unmapped> topUnmapped;

  /** Reads the per-person counts of risk_input.sql. */
  DiagnosisCoverage(Dataset<Row> input) {
    Row sums = input.selectExpr("coalesce(sum(conditions_in_year), 0)", "coalesce(sum(conditions_icd10_received), 0)",
        "coalesce(sum(conditions_icd10_crosswalk), 0)").first();
    conditions = sums.getLong(0);
    received = sums.getLong(1);
    crosswalk = sums.getLong(2);
    topUnmapped = new ArrayList<>();
    for (Row r : input.selectExpr("explode(unmapped_snomed) AS u").groupBy(expr("u.code AS code"))
        .agg(expr("max(u.display)"), count("*").as("n")).orderBy(desc("n"), asc("code")).limit(TOP)
        .collectAsList()) {
      topUnmapped.add(new Unmapped(r.getString(0), r.getString(1), r.getLong(2)));
    }
  }

  long neither() {
    return conditions - received - crosswalk;
  }

  void print(PrintStream log) {
    if (conditions == 0) {
      return;
    }
    log.printf("  risk diagnoses: %,d conditions in the year: %,d with ICD-10-CM as received, %,d through a SNOMED CT "
            + "map, %,d with neither (%.1f%% reach HCC, Charlson and Elixhauser)%n", conditions, received, crosswalk,
        neither(), 100.0 * (received + crosswalk) / conditions);
    if (!topUnmapped.isEmpty()) {
      List<String> top = new ArrayList<>();
      for (Unmapped u : topUnmapped) {
        top.add(u.code() + (u.display() == null ? "" : " " + u.display()) + " (" + u.conditions() + ")");
      }
      log.println("  risk diagnoses without ICD-10-CM, most frequent SNOMED CT: " + String.join("; ", top));
    }
  }
}
