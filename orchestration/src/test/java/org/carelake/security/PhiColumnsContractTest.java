package org.carelake.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.core.TableName;
import org.carelake.core.crypto.PhiColumns;
import org.carelake.ingestion.fhir.BronzeSchemas;
import org.carelake.ingestion.hl7.Hl7BronzeSchema;
import org.carelake.marts.ClasspathText;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.view.ViewColumn;
import org.junit.jupiter.api.Test;

/** The shipped PHI column lists (encrypted at rest) name real columns of the tables the modules write. */
class PhiColumnsContractTest {
  @Test
  void everyListedPhiColumnExistsInItsTable() {
    Map<TableName, Set<String>> phi = PhiColumns.fromClasspath().all();
    assertEquals(Set.of("bronze.fhir_resource", "bronze.hl7v2_message", "quarantine.input", "silver.patient",
        "silver.identifier", "gold.dim_person"), names(phi.keySet()));
    for (Map.Entry<TableName, Set<String>> e : phi.entrySet()) {
      Set<String> columns = columnsOf(e.getKey());
      for (String c : e.getValue()) {
        assertTrue(columns.contains(c), e.getKey().qualified() + " has no column " + c + ": " + columns);
      }
    }
  }

  @Test
  void thePatientsDirectIdentifiersAreAllListed() {
    Set<String> patient = PhiColumns.fromClasspath().of(TableName.parse("silver.patient"));
    assertTrue(patient.containsAll(List.of("family", "given", "birth_date", "ssn", "mrn", "phone", "email",
        "address_line", "address_postal_code")), patient.toString());
  }

  private static Set<String> columnsOf(TableName t) {
    return switch (t.qualified()) {
      case "bronze.fhir_resource" -> Set.of(BronzeSchemas.FHIR_RESOURCE.fieldNames());
      case "quarantine.input" -> Set.of(BronzeSchemas.QUARANTINE_INPUT.fieldNames());
      case "bronze.hl7v2_message" -> Set.of(Hl7BronzeSchema.HL7V2_MESSAGE.fieldNames());
      case "gold.dim_person" -> aliases(ClasspathText.read("/models/gold/dim_person.sql"));
      default -> {
        Set<String> out = new HashSet<>();
        for (ViewColumn c : SilverViews.fromClasspath().byTable().get(t.table()).get(0).view().columns()) {
          out.add(c.name());
        }
        yield out;
      }
    };
  }

  private static Set<String> aliases(String sql) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile("\\bAS\\s+([a-z_]+)\\s*(,|\\n)").matcher(sql);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Set<String> names(Set<TableName> tables) {
    Set<String> out = new HashSet<>();
    tables.forEach(t -> out.add(t.qualified()));
    return out;
  }
}
