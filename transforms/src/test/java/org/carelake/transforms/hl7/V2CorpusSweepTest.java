package org.carelake.transforms.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Reject;
import org.carelake.ingestion.hl7.Hl7Splitter;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.view.ViewRows;
import org.junit.jupiter.api.Test;

/**
 * Every message of the copied corpus converts, and what comes out is well-formed FHIR for the silver views: valid
 * ids, references of the form Type/id, the patient reference matching {@code patientId}, no empty elements, the same
 * output twice, and rows from every silver view of the type.
 */
class V2CorpusSweepTest {
  private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");
  private static final Set<String> PATIENT_REFS = Set.of("subject", "patient", "beneficiary");

  @Test
  void everyCorpusMessageConvertsToWellFormedResources() throws Exception {
    List<Hl7Message> messages = corpus();
    assertTrue(messages.size() >= 290, "the corpus has " + messages.size() + " messages");
    Map<String, List<ViewRows>> viewsByType = new TreeMap<>();
    for (SilverViews.Part p : SilverViews.fromClasspath().parts()) {
      viewsByType.computeIfAbsent(p.view().resource(), t -> new ArrayList<>()).add(new ViewRows(p.view()));
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (Hl7Message m : messages) {
      String where = "message " + m.header().controlId() + " (" + m.header().messageType() + "^"
          + m.header().triggerEvent() + ")";
      List<DerivedResource> out = V2ToFhir.convert(m, "sweep", V2Fixtures.ZONE);
      assertEquals(out, V2ToFhir.convert(m, "sweep", V2Fixtures.ZONE), where + ": deterministic");
      Set<String> ids = new HashSet<>();
      for (DerivedResource r : out) {
        String at = where + " " + r.resourceType() + "/" + r.id();
        assertTrue(V2Ids.isValid(r.id()), at + ": valid id");
        assertTrue(ids.add(r.resourceType() + "/" + r.id()), at + ": emitted once");
        JsonNode json = V2Fixtures.json(r);
        assertEquals(r.resourceType(), json.path("resourceType").asText(), at);
        assertEquals(r.id(), json.path("id").asText(), at);
        if (r.lastUpdated() != null) {
          assertEquals(r.lastUpdated().toString(), json.path("meta").path("lastUpdated").asText(), at);
        }
        if (!r.resourceType().equals("Practitioner")) {
          assertNotNull(r.patientId(), at + ": has a patient");
        }
        check(json, "", r, at);
        for (ViewRows v : viewsByType.getOrDefault(r.resourceType(), List.of())) {
          v.rows(json); // must not throw
        }
        counts.merge(r.resourceType(), 1, Integer::sum);
      }
    }
    System.out.println("V2 corpus sweep: " + messages.size() + " messages -> " + counts);
    for (String t : List.of("Patient", "Encounter", "Condition", "Observation", "DiagnosticReport",
        "MedicationRequest", "Immunization", "AllergyIntolerance", "Coverage", "Practitioner")) {
      assertTrue(counts.getOrDefault(t, 0) > 0, "the corpus yields some " + t);
    }
  }

  /** No empty element anywhere; every reference is Type/id; the patient reference is the resource's patient. */
  private static void check(JsonNode n, String path, DerivedResource r, String at) {
    if (n.isObject()) {
      assertFalse(n.isEmpty(), at + ": empty object at " + path);
      if (n.has("reference")) {
        String ref = n.get("reference").asText();
        assertTrue(REFERENCE.matcher(ref).matches(), at + ": reference '" + ref + "' at " + path);
        String field = path.substring(path.lastIndexOf('.') + 1);
        if (PATIENT_REFS.contains(field) && path.lastIndexOf('.') == 0) {
          assertEquals("Patient/" + r.patientId(), ref, at + ": " + path);
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        check(e.getValue(), path + "." + e.getKey(), r, at);
      }
    } else if (n.isArray()) {
      assertFalse(n.isEmpty(), at + ": empty array at " + path);
      for (int i = 0; i < n.size(); i++) {
        check(n.get(i), path + "[" + i + "]", r, at);
      }
    } else if (n.isTextual()) {
      assertFalse(n.asText().isBlank(), at + ": blank string at " + path);
    } else if (n.isNull()) {
      fail(at + ": null at " + path);
    }
  }

  /** Every message in src/test/resources/hl7v2, cut from its file as the bronze ingest does. */
  static List<Hl7Message> corpus() throws Exception {
    Path root = root();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".hl7")).sorted().toList();
    }
    List<Hl7Message> out = new ArrayList<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        new Hl7Splitter(1 << 24, u -> {
          if (u.accepted()) {
            out.add(u.message());
          } else {
            // 15 LinuxForHealth messages were cut from Java strings with "\\&" left in MSH-2: bronze
            // quarantines them, they never reach the converter.
            assertEquals(Hl7Reject.BAD_SEPARATORS, u.reject(), f + ": " + u.detail());
          }
        }).split(in);
      }
    }
    return out;
  }

  private static Path root() throws URISyntaxException {
    return Path.of(V2CorpusSweepTest.class.getResource("/hl7v2").toURI());
  }
}
