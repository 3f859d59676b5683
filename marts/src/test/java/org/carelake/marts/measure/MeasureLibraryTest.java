package org.carelake.marts.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading measures as data: the Measure resource wires CQL definition names to SQL model files. */
class MeasureLibraryTest {
  @TempDir
  Path dir;

  private static final String MEASURE = """
      {"resourceType": "Measure", "name": "DemoMeasure", "title": "Demo", "improvementNotation": {"coding": [
        {"code": "decrease"}]}, "scoring": {"coding": [{"code": "proportion"}]}, "group": [{"id": "g1",
        "population": [
          {"code": {"coding": [{"code": "initial-population"}]}, "criteria": {"expression": "Initial Population"},
           "description": "Everyone"},
          {"code": {"coding": [{"code": "denominator"}]}, "criteria": {"expression": "Denominator"}},
          {"code": {"coding": [{"code": "numerator"}]}, "criteria": {"expression": "Numerator 1"}}]}]}
      """;

  private void write(String path, String text) throws IOException {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.writeString(dir.resolve(path), text);
  }

  @Test
  void populationsNameTheirModelsAndMetadataComesFromTheMeasureResource() throws IOException {
    write("INDEX", "# measures\nDEMO1\n");
    write("shared/INDEX", "m_x.sql\n");
    write("shared/m_x.sql", "SELECT 1 AS person_id");
    write("DEMO1/Measure.json", MEASURE);
    write("DEMO1/INDEX", "initial_population.sql\ndenominator.sql\nnumerator_1.sql\n");
    for (String f : new String[] {"initial_population", "denominator", "numerator_1"}) {
      write("DEMO1/" + f + ".sql", "SELECT person_id FROM m_x");
    }
    MeasureLibrary lib = MeasureLibrary.fromDirectory(dir);
    MeasureDefinition m = lib.measure("demo1");
    assertEquals("Demo", m.title());
    assertTrue(m.inverse());
    assertEquals("proportion", m.scoring());
    assertEquals("demo1_numerator_1", m.groups().get(0).criteria().get(Population.NUMERATOR));
    assertEquals("Everyone", m.groups().get(0).text().get(Population.INITIAL_POPULATION));
    assertEquals(1, lib.shared().size());
    assertEquals(3, lib.outputs().size(), "without outputs/ the shipped attribution, gap and rate models apply");
  }

  @Test
  void aPopulationWithoutItsModelFileIsNamedInTheError() throws IOException {
    write("INDEX", "DEMO1\n");
    write("shared/INDEX", "");
    write("DEMO1/Measure.json", MEASURE);
    write("DEMO1/INDEX", "initial_population.sql\ndenominator.sql\n");
    write("DEMO1/initial_population.sql", "SELECT 1 AS person_id");
    write("DEMO1/denominator.sql", "SELECT 1 AS person_id");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> MeasureLibrary.fromDirectory(dir));
    assertTrue(e.getMessage().contains("'Numerator 1'") && e.getMessage().contains("numerator_1.sql"),
        e.getMessage());
  }

  @Test
  void namesUsedAreTheIdentifiersOfEveryModelOutsideComments() throws IOException {
    write("INDEX", "DEMO1\n");
    write("shared/INDEX", "m_x.sql\n");
    write("shared/m_x.sql", "-- effective_period_end is what a comment names\nSELECT o.* FROM silver.observation o");
    write("DEMO1/Measure.json", MEASURE);
    write("DEMO1/INDEX", "initial_population.sql\ndenominator.sql\nnumerator_1.sql\n");
    write("DEMO1/initial_population.sql", "SELECT Person_Id FROM m_x -- status_reason");
    write("DEMO1/denominator.sql", "SELECT person_id FROM m_x WHERE is_final");
    write("DEMO1/numerator_1.sql", "SELECT person_id, value_quantity FROM m_x");
    Set<String> used = MeasureLibrary.fromDirectory(dir).namesUsed();
    assertTrue(used.containsAll(List.of("person_id", "is_final", "value_quantity", "m_x")), used.toString());
    assertFalse(used.contains("effective_period_end"), "a comment does not keep a column");
    assertFalse(used.contains("status_reason"), "nor does a trailing comment");
    assertTrue(used.contains("measure_id"), "the shipped output models count too");
  }

  @Test
  void directReferenceCodesAreTheCodingLiteralsOfTheModels() throws IOException {
    write("INDEX", "DEMO1\n");
    write("shared/INDEX", "m_x.sql\n");
    write("shared/m_x.sql", "SELECT 1 AS person_id FROM t WHERE array_contains(c, 'value|http://snomed.info/sct|1')");
    write("DEMO1/Measure.json", MEASURE);
    write("DEMO1/INDEX", "initial_population.sql\ndenominator.sql\nnumerator_1.sql\n");
    write("DEMO1/initial_population.sql", "SELECT person_id FROM m_x -- 'code|http://loinc.org|97506-0'");
    write("DEMO1/denominator.sql", "SELECT person_id FROM m_x WHERE array_contains(code_vs, '2.16.840.1.1')");
    write("DEMO1/numerator_1.sql", "SELECT person_id FROM m_x WHERE s = 'a|b' OR t = 'code|urn:oid:1.2|X 1'");
    assertEquals(List.of("code|http://loinc.org|97506-0", "value|http://snomed.info/sct|1"),
        MeasureLibrary.fromDirectory(dir).directCodings(), "value-set OIDs and other strings are not codes");
    assertTrue(MeasureLibrary.fromClasspath().directCodings().contains("code|http://loinc.org|85354-9"),
        "the blood pressure panel of CMS165");
  }

  @Test
  void theShippedLibraryWiresEveryPopulationOfEveryGroup() {
    MeasureLibrary lib = MeasureLibrary.fromClasspath();
    for (MeasureDefinition m : lib.measures()) {
      for (MeasureDefinition.Group g : m.groups()) {
        assertTrue(g.criteria().containsKey(Population.INITIAL_POPULATION), m.id());
        assertTrue(g.criteria().containsKey(Population.NUMERATOR), m.id());
      }
    }
    // The shipped exports' notation contradicts itself (code decrease, display increase); measure.properties
    // states each measure's from its specification. Only CMS122 counts the numerator as the gap.
    assertEquals(List.of("CMS122"), lib.measures().stream().filter(MeasureDefinition::inverse)
        .map(MeasureDefinition::id).toList());
  }

  @Test
  void aSelfContradictingImprovementNotationNeedsTheMeasureFolderToSayWhichItIs() throws IOException {
    write("INDEX", "DEMO1\n");
    write("shared/INDEX", "m_x.sql\n");
    write("shared/m_x.sql", "SELECT 1 AS person_id");
    write("DEMO1/Measure.json", MEASURE.replace("{\"code\": \"decrease\"}",
        "{\"code\": \"decrease\", \"display\": \"increase\"}"));
    write("DEMO1/INDEX", "initial_population.sql\ndenominator.sql\nnumerator_1.sql\n");
    for (String f : new String[] {"initial_population", "denominator", "numerator_1"}) {
      write("DEMO1/" + f + ".sql", "SELECT person_id FROM m_x");
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> MeasureLibrary.fromDirectory(dir));
    assertTrue(e.getMessage().contains("DEMO1/measure.properties") && e.getMessage().contains("display 'increase'"),
        e.getMessage());
    write("DEMO1/measure.properties", "improvementNotation = increase\n");
    assertFalse(MeasureLibrary.fromDirectory(dir).measure("DEMO1").inverse());
    write("DEMO1/measure.properties", "improvementNotation = up\n");
    assertThrows(IllegalStateException.class, () -> MeasureLibrary.fromDirectory(dir));
  }

  @Test
  void periodsParseBindAndDefaultToTheLastFullYear() {
    MeasurementPeriod p = MeasurementPeriod.parse("2025-01-01/2025-12-31");
    assertEquals("SELECT DATE'2025-01-01', DATE'2025-12-31', :period_startx",
        p.bind("SELECT :period_start, :period_end, :period_startx"));
    assertEquals(p, MeasurementPeriod.lastFullYear(LocalDate.of(2026, 11, 27)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MeasurementPeriod.parse("2025-12-31/2025-01-01"));
    assertTrue(e.getMessage().contains("2025-12-31/2025-01-01"));
  }
}
