package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * person_id across runs: a first run links two records and leaves a third alone; a second run, after an
 * identifier shows the third is the same person, merges it into the first cluster, which keeps its id, and records
 * the merge; a third run changes nothing; a rerun after silver was rebuilt (every person_id back to the default,
 * as after a crash between silver and identity) restores the same ids.
 */
class IdentityStableIdsTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void idsSurviveRunsAndMergesAreRecorded() {
    Lakehouse lh = SharedSpark.freshLakehouse("identity-stable");
    SilverPatients s = new SilverPatients()
        .patient("ehr", "A1", "Nora", "Quinn", "1975-04-02", "female", "217-555-0400", null, "3 Elm St", "62704",
            null)
        .patient("lab", "A2", "NORA", "QUINN", "1975-04-02", "F", "2175550400", null, null, "62704", null)
        .patient("adt", "B1", "Nora", "Quinn-Walsh", "1975-02-04", "female", "630-555-0900", null, "8 Bay Rd",
            "60540", null)
        .patient("ehr", "C1", "Ivan", "Petrov", "1999-09-19", "male", "217-555-0111", null, "1 Oak St", "62704",
            null);
    s.write(lh);
    IdentityBuild build = new IdentityBuild(lh, IdentityOptions.defaults(), QUIET);
    build.run();
    Map<String, String> first = persons(lh);
    assertEquals(first.get("ehr|A1"), first.get("lab|A2"));
    assertNotEquals(first.get("ehr|A1"), first.get("adt|B1"));
    String ivan = first.get("ehr|C1");

    // The ADT sends B1's driver's licence, which the EHR has for A1.
    s.identifier("ehr", "A1", "urn:oid:2.16.840.1.113883.4.3.17", "Q100-2000-3000", "DL")
        .identifier("adt", "B1", "urn:oid:2.16.840.1.113883.4.3.17", "Q10020003000", "DL");
    s.write(lh);
    IdentityBuild.Result merged = build.run();
    Map<String, String> second = persons(lh);
    assertEquals(first.get("ehr|A1"), second.get("adt|B1"), "the merged cluster keeps the id of its larger part");
    assertEquals(first.get("ehr|A1"), second.get("ehr|A1"));
    assertEquals(ivan, second.get("ehr|C1"), "an untouched person keeps the id");
    assertEquals(1, merged.idsChanged());
    List<Row> history = lh.table(IdentityTables.HISTORY).collectAsList();
    assertEquals(1, history.size(), history.toString());
    assertEquals("merge", history.get(0).getAs("event"));
    assertEquals(first.get("adt|B1"), history.get(0).getAs("from_person_id"));

    IdentityBuild.Result again = build.run();
    assertEquals(second, persons(lh), "a rerun changes nothing");
    assertEquals(0, again.idsChanged());
    assertEquals(0, again.rowsUpdated());
    assertEquals(1, lh.table(IdentityTables.HISTORY).count());

    s.write(lh);
    assertNotEquals(second, persons(lh), "silver rebuilt: default ids");
    build.run();
    assertEquals(second, persons(lh), "the same ids after silver was rebuilt");
    assertEquals(0, lh.sql("SELECT * FROM delta.`" + lh.path(SilverPatients.table("condition")) + "` c JOIN delta.`"
        + lh.path(IdentityTables.PERSON_MAP) + "` m USING (source_system, source_patient_id)"
        + " WHERE NOT (c.person_id <=> m.person_id)").count());
  }

  private static Map<String, String> persons(Lakehouse lh) {
    Map<String, String> out = new HashMap<>();
    for (Row r : lh.sql("SELECT source_system, source_patient_id, person_id FROM delta.`"
        + lh.path(IdentityTables.PATIENT) + "`").collectAsList()) {
      out.put(r.getString(0) + "|" + r.getString(1), r.getString(2));
    }
    return out;
  }
}
