package org.carelake.transforms.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carelake.transforms.view.ViewColumn;
import org.junit.jupiter.api.Test;

/** The shipped silver ViewDefinitions: all listed, all valid, parts of a table alike, the contract columns present. */
class SilverViewsTest {
  private static final Path DIR = Path.of("src/main/resources/views/silver");

  @Test
  void indexListsEveryViewFileAndEveryListedFileParses() throws IOException {
    Set<String> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("LOOKUPS.json"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    SilverViews views = SilverViews.fromClasspath();
    Set<String> listed = views.parts().stream().map(p -> p.file() + ".json")
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, listed, "views/silver/INDEX must list exactly the view files");
    assertEquals(listed.size(), views.parts().size(), "no file listed twice");
  }

  @Test
  void tablesFollowTheContract() {
    Map<String, List<SilverViews.Part>> tables = SilverViews.fromClasspath().byTable();
    for (String t : List.of("patient", "encounter", "condition", "observation", "medication_request", "procedure",
        "immunization", "allergy", "coverage", "device_request", "service_request", "practitioner", "organization",
        "diagnostic_report", "medication_administration", "claim", "explanation_of_benefit", "location",
        "practitioner_role", "observation_component", "coding", "identifier")) {
      assertTrue(tables.containsKey(t), "silver." + t + " is defined");
    }
    for (Map.Entry<String, List<SilverViews.Part>> e : tables.entrySet()) {
      List<String> cols = e.getValue().get(0).view().columns().stream().map(ViewColumn::name).toList();
      String key = e.getKey().equals("patient") ? "source_patient_id" : "source_id";
      assertEquals(key, cols.get(0), "silver." + e.getKey() + " starts with its key");
      assertFalse(cols.contains("source_system") || cols.contains("person_id") || cols.contains("last_updated"),
          "silver." + e.getKey() + ": lineage columns are added by the build, not the view");
    }
    List<String> patient = tables.get("patient").get(0).view().columns().stream().map(ViewColumn::name).toList();
    for (String c : List.of("birth_date", "gender", "family", "given", "address_city", "address_postal_code",
        "race_code", "ethnicity_code", "deceased_boolean")) {
      assertTrue(patient.contains(c), "silver.patient has " + c);
    }
  }
}
