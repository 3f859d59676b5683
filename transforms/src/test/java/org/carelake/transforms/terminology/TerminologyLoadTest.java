package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ref tables from the shipped eCQM expansions and from users' files: counts that reconcile with the files,
 * versions side by side, replacement by (url, version) and (map, source), idempotent reloads, and the value-set
 * function every mart can call in SQL.
 */
class TerminologyLoadTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  Path tmp;

  private static boolean sql(Lakehouse lh, String expr) {
    return lh.sql("SELECT " + expr).first().getBoolean(0);
  }

  private static long count(Lakehouse lh, String sql) {
    return lh.sql(sql).first().getLong(0);
  }

  @Test
  void shippedValueSetsLoadOnceAndAnswerMembership() {
    Lakehouse lh = SharedSpark.freshLakehouse("terminology-shipped");
    Set<String> sets = new HashSet<>();
    Set<String> codes = new HashSet<>();
    String[] sample = null;
    // Every shipped value-set file (the eCQM expansions keyed by OID, Carelake's own by URL): column 0 is the key;
    // the concept maps (CSV) are counted by row.
    long mapEntries = 0;
    for (String file : ShippedTerminology.FILES) {
      if (file.endsWith(".csv")) {
        mapEntries += new String(ShippedTerminology.resource(file), StandardCharsets.UTF_8).lines().count() - 1;
        continue;
      }
      for (String line : new String(ShippedTerminology.resource(file), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split("\t", -1);
        if (f[0].startsWith("valueset_")) {
          continue;
        }
        sets.add(f[0] + "|" + f[2]);
        codes.add(f[0] + "|" + f[2] + "|" + CodeSystemRegistry.defaults().canonical(f[3]) + "|" + f[4]);
        if (sample == null && f[3].equals("http://loinc.org")) {
          sample = f;
        }
      }
    }
    ShippedTerminology.ensure(lh, QUIET);
    assertEquals(sets.size(), count(lh, "SELECT count(*) FROM ref.value_set"));
    assertEquals(codes.size(), count(lh, "SELECT count(*) FROM ref.value_set_code"));
    assertEquals(codes.size(), count(lh, "SELECT sum(codes) FROM ref.value_set"), "per-set counts reconcile");
    assertEquals(mapEntries, count(lh, "SELECT count(*) FROM ref.concept_map WHERE source_feed IS NULL"
        + " AND map_url = 'https://carelake.org/fhir/ConceptMap/snomed-icd10cm-synthea'"), "the shipped crosswalk");
    assertTrue(count(lh, "SELECT count(*) FROM ref.code_system_alias WHERE alias = '2.16.840.1.113883.6.1' "
        + "AND uri = 'http://loinc.org'") == 1, "LOINC's OID is an alias");
    assertTrue(count(lh, "SELECT count(*) FROM ref.loinc_canonical_unit WHERE loinc = '2339-0'") == 1);
    long loads = count(lh, "SELECT count(*) FROM ref.terminology_load");
    ShippedTerminology.ensure(lh, QUIET);
    assertEquals(loads, count(lh, "SELECT count(*) FROM ref.terminology_load"), "nothing reloaded");

    String oid = sample[0];
    assertTrue(sql(lh, "in_value_set('" + oid + "', 'http://loinc.org', '" + sample[4] + "')"));
    assertTrue(sql(lh, "in_value_set('" + sample[1] + "', 'http://loinc.org', '" + sample[4] + "')"), "by name");
    assertTrue(sql(lh, "in_value_set('http://cts.nlm.nih.gov/fhir/ValueSet/" + oid + "', 'http://loinc.org', '"
        + sample[4] + "')"), "by URL");
    assertFalse(sql(lh, "in_value_set('" + oid + "', 'http://loinc.org', '0000-0')"));
    assertFalse(sql(lh, "in_value_set('" + oid + "', 'http://snomed.info/sct', '" + sample[4] + "')"));
  }

  @Test
  void versionsSitSideBySideAndFilesReplaceWhatTheyDefine() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("terminology-user");
    String header = "valueset_oid\tvalueset_name\tversion\tsystem\tcode\tdisplay\n";
    Path v1 = Files.writeString(tmp.resolve("v1.tsv"), header
        + "1.2.3.4\tTestSet\t20240101\thttp://loinc.org\t4548-4\tHbA1c\n"
        + "1.2.3.4\tTestSet\t20240101\turn:oid:2.16.840.1.113883.6.1\t2339-0\tGlucose\n");
    Path v2 = Files.writeString(tmp.resolve("v2.tsv"), header
        + "1.2.3.4\tTestSet\t20250101\thttp://loinc.org\t4548-4\tHbA1c\n"
        + "1.2.3.4\tTestSet\t20250101\tLN\t17856-6\tHbA1c HPLC\n");
    TerminologyLoad load = new TerminologyLoad(lh, QUIET);
    load.load(List.of(v1.toString()), null);
    load.load(List.of(v2.toString()), null);
    load.load(List.of(v2.toString()), null);
    assertEquals(4, count(lh, "SELECT count(*) FROM ref.value_set_code"), "two versions, reload changes nothing");
    assertEquals(2, count(lh, "SELECT count(*) FROM ref.value_set_code WHERE system = 'http://loinc.org' "
        + "AND code IN ('2339-0', '17856-6')"), "OIDs and v2 names normalized to the canonical URI");
    assertTrue(sql(lh, "in_value_set('1.2.3.4', 'http://loinc.org', '17856-6')"), "newest version");
    assertFalse(sql(lh, "in_value_set('1.2.3.4', 'http://loinc.org', '2339-0')"), "only in the older version");
    assertTrue(sql(lh, "in_value_set_version('1.2.3.4', '20240101', 'http://loinc.org', '2339-0')"));

    Path map1 = Files.writeString(tmp.resolve("map.csv"), """
        map_url,source_system,source_code,source_display,target_system,target_code,target_display,equivalence
        urn:test:labmap,urn:x:local,A1,"Glucose, blood",http://loinc.org,2339-0,Glucose,equivalent
        urn:test:labmap,urn:x:local,A2,Order set,,,,unmatched
        """);
    load.load(List.of(map1.toString()), "lab");
    load.load(List.of(map1.toString()), "pharmacy");
    assertEquals(2, count(lh, "SELECT count(*) FROM ref.concept_map"), "one map per source; 'unmatched' is no entry");
    assertEquals("Glucose, blood", lh.sql("SELECT source_display FROM ref.concept_map WHERE source_feed = 'lab' "
        + "AND source_code = 'A1'").first().getString(0), "quoted CSV field");
    Path map2 = Files.writeString(tmp.resolve("map2.csv"), """
        map_url,source_system,source_code,source_display,target_system,target_code,target_display,equivalence
        urn:test:labmap,urn:x:local,A1,Glucose,http://loinc.org,2345-7,Glucose serum,equivalent
        """);
    load.load(List.of(map2.toString()), "lab");
    assertEquals(2, count(lh, "SELECT count(*) FROM ref.concept_map"), "the lab's map replaced, the pharmacy's kept");
    assertEquals("2339-0", lh.sql("SELECT target_code FROM ref.concept_map WHERE source_feed = 'pharmacy'").first()
        .getString(0));
    assertEquals("2345-7", lh.sql("SELECT target_code FROM ref.concept_map WHERE source_feed = 'lab'").first()
        .getString(0));
    assertEquals(6, count(lh, "SELECT count(*) FROM ref.terminology_load"), "every load recorded");

    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"resourceType\": \"ValueSet\", ");
    Exception e = assertThrows(RuntimeException.class, () -> load.load(List.of(broken.toString()), null));
    assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> load.load(List.of(tmp.resolve("none.tsv").toString()), null));
  }

  @Test
  void usersAliasesAndCompleteCodeSystemsReachTheSilverConformer() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("terminology-aliases");
    ShippedTerminology.ensure(lh, QUIET);
    long shipped = count(lh, "SELECT count(*) FROM ref.code_system_alias");
    // A lakehouse from before users' aliases had the table without origin: the first alias load brings it up to date.
    lh.overwrite(RefTables.CODE_SYSTEM_ALIAS, lh.table(RefTables.CODE_SYSTEM_ALIAS).drop("origin", "load_id"));
    RefConformance before = RefConformance.of(lh);
    String lab = "http://lab.example.org/codes";
    String[] glucose = {"2.16.840.1.113883.19.5.99", "GLU", null};
    assertEquals("unmapped", before.conform("lab", List.<String[]>of(glucose))[3]);

    Path aliases = Files.writeString(tmp.resolve("aliases.csv"),
        "alias,uri\n2.16.840.1.113883.19.5.99," + lab + "\nLABLN,http://loinc.org\n");
    Path codes = Files.writeString(tmp.resolve("lab-codes.json"), """
        {"resourceType": "CodeSystem", "url": "%s", "version": "2", "name": "LabCodes", "content": "complete",
         "concept": [{"code": "GLU", "display": "Glucose"}, {"code": "NA", "display": "Sodium"}]}
        """.formatted(lab));
    TerminologyLoad load = new TerminologyLoad(lh, QUIET);
    load.load(List.of(aliases.toString(), codes.toString()), null);
    load.load(List.of(aliases.toString()), null);
    assertEquals(shipped + 2, count(lh, "SELECT count(*) FROM ref.code_system_alias"), "reload adds nothing");
    assertEquals(shipped, count(lh, "SELECT count(*) FROM ref.code_system_alias WHERE origin = 'shipped'"));
    assertEquals(1, count(lh, "SELECT count(*) FROM ref.code_system_alias WHERE origin = 'user' AND alias = 'LABLN'"
        + " AND uri = 'http://loinc.org' AND standard"));
    assertEquals(1, count(lh, "SELECT count(*) FROM ref.code_system WHERE system = '" + lab + "' AND version = '2'"
        + " AND content = 'complete' AND concepts = 2"));

    RefConformance after = RefConformance.of(lh);
    assertTrue(!before.fingerprint().equals(after.fingerprint()), "silver rebuilds when aliases or concepts change");
    String[] known = after.conform("lab", List.<String[]>of(glucose));
    assertEquals(List.of("unmapped", "no map for " + lab + "|GLU"), List.of(known[3], known[4]),
        "the OID is the lab's system now");
    String[] unknown = after.conform("lab", List.<String[]>of(new String[] {"2.16.840.1.113883.19.5.99", "GLX", null}));
    assertEquals(List.of("invalid", "not a concept of the loaded CodeSystem " + lab + " (version 2)"),
        List.of(unknown[3], unknown[4]));
    String[] loinc = after.conform("ehr", List.<String[]>of(new String[] {"LABLN", "2345-7", "Glucose"}));
    assertEquals(List.of("http://loinc.org", "2345-7", "standard"), List.of(loinc[0], loinc[1], loinc[3]),
        "a user's v2 name for LOINC");

    // A map loaded afterwards names the lab's system by the OID the user declared.
    Path map = Files.writeString(tmp.resolve("map.csv"), "source_system,source_code,target_system,target_code\n"
        + "2.16.840.1.113883.19.5.99,GLU,http://loinc.org,2345-7\n");
    load.load(List.of(map.toString()), "lab");
    assertEquals(1, count(lh, "SELECT count(*) FROM ref.concept_map WHERE source_system = '" + lab + "'"));
    assertEquals("mapped", RefConformance.of(lh).conform("lab", List.<String[]>of(glucose))[3]);

    // A new release of Carelake's own aliases replaces only its rows.
    lh.sql("DELETE FROM ref.terminology_load WHERE file = '" + CodeSystemRegistry.RESOURCE + "'");
    ShippedTerminology.ensure(lh, QUIET);
    assertEquals(shipped + 2, count(lh, "SELECT count(*) FROM ref.code_system_alias"), "users' aliases kept");
  }
}
