package org.carelake.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Segment;
import org.carelake.ingestion.hl7.Hl7Splitter;
import org.carelake.ingestion.hl7.Hl7Unit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic HL7 v2 feeds over the 3-patient Synthea fixture: parseable, consistent with the input, repeatable. */
class SynthFeedsTest {
  static final Path FIXTURE = Path.of("..", "ingestion", "src", "test", "resources", "fixtures", "synthea-3");
  static final List<String> FEEDS = List.of("lab", "adt", "pharmacy", "registry");

  @TempDir
  static Path tmp;

  static Hl7FeedSynthesizer.Report report;
  static Path out;
  static Map<String, List<Hl7Message>> messages = new TreeMap<>();
  static Map<String, JsonNode> patients = new TreeMap<>();
  static Map<String, List<JsonNode>> input = new TreeMap<>();

  @BeforeAll
  static void synthesize() throws IOException {
    out = tmp.resolve("run1");
    report = new Hl7FeedSynthesizer(SynthOptions.defaults()).run(FIXTURE, out);
    for (String feed : FEEDS) {
      messages.put(feed, split(out.resolve(feed).resolve(feed + ".hl7")));
    }
    readInput();
    for (JsonNode p : input.get("Patient")) {
      patients.put(p.path("id").asText(), p);
    }
  }

  /** Every unit of the file, asserting the splitter rejects none. */
  static List<Hl7Message> split(Path file) throws IOException {
    List<Hl7Unit> units = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      new Hl7Splitter(1 << 20, units::add).split(in);
    }
    List<Hl7Message> out = new ArrayList<>();
    for (Hl7Unit u : units) {
      assertTrue(u.accepted(), () -> file + ": rejected " + u.reject() + " " + u.detail());
      out.add(u.message());
    }
    return out;
  }

  static void readInput() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    try (Stream<Path> files = Files.list(FIXTURE)) {
      for (Path f : files.sorted().toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            JsonNode n = mapper.readTree(line);
            input.computeIfAbsent(n.path("resourceType").asText(), k -> new ArrayList<>()).add(n);
          }
        }
      }
    }
  }

  static List<Hl7Segment> segments(String feed, String name) {
    List<Hl7Segment> out = new ArrayList<>();
    for (Hl7Message m : messages.get(feed)) {
      out.addAll(m.all(name));
    }
    return out;
  }

  static long count(String feed, String trigger) {
    return messages.get(feed).stream().filter(m -> trigger.equals(m.header().triggerEvent())).count();
  }

  @Test
  void sameBytesOnEveryRun() throws IOException {
    Path again = tmp.resolve("run2");
    new Hl7FeedSynthesizer(SynthOptions.defaults()).run(FIXTURE, again);
    List<Path> files;
    try (Stream<Path> s = Files.walk(out)) {
      files = s.filter(Files::isRegularFile).map(out::relativize).sorted().toList();
    }
    assertEquals(List.of(Path.of("adt/adt.hl7"), Path.of("answer-key.csv"), Path.of("lab/concept-map.json"),
        Path.of("lab/lab.hl7"), Path.of("pharmacy/pharmacy.hl7"), Path.of("registry/registry.hl7")), files);
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(again.resolve(f)), f.toString());
    }
    Path otherSeed = tmp.resolve("seed2");
    new Hl7FeedSynthesizer(SynthOptions.defaults().withSeed(2)).run(FIXTURE, otherSeed);
    assertFalse(Files.readString(out.resolve("answer-key.csv"))
        .equals(Files.readString(otherSeed.resolve("answer-key.csv"))), "another seed gives other ids");
  }

  @Test
  void everyMessageParsesWithTypeHeaderAndUniqueControlId() {
    Set<String> facilities = new TreeSet<>();
    for (String feed : FEEDS) {
      List<Hl7Message> list = messages.get(feed);
      assertFalse(list.isEmpty(), feed);
      Set<String> controlIds = new HashSet<>();
      String facility = list.get(0).header().sendingFacility();
      facilities.add(facility);
      String previousTime = "";
      for (Hl7Message m : list) {
        assertNotNull(m.header().messageType(), feed);
        assertNotNull(m.header().triggerEvent(), feed);
        assertEquals("2.5.1", m.header().version());
        assertEquals(facility, m.header().sendingFacility(), "one sending facility per feed");
        assertTrue(controlIds.add(m.header().controlId()), "duplicate control id " + m.header().controlId());
        assertFalse(m.text().contains("\n"), "segments end with CR only");
        String time = m.header().messageTime();
        assertTrue(time.matches("\\d{14}[+-]\\d{4}"), time);
        // Feeds are sent in time order (all fixture times are UTC, so text order is time order).
        assertTrue(time.compareTo(previousTime) >= 0, feed + ": " + time + " after " + previousTime);
        previousTime = time;
      }
      int reported = report.feeds().stream().filter(f -> f.feed().equals(feed)).findFirst().orElseThrow()
          .messages();
      assertEquals(list.size(), reported, feed);
    }
    assertEquals(FEEDS.size(), facilities.size(), "each feed has its own sending facility");
  }

  @Test
  void everyLaboratoryObservationIsOneObx() {
    List<JsonNode> labs = input.get("Observation").stream()
        .filter(o -> o.path("category").path(0).path("coding").path(0).path("code").asText().equals("laboratory"))
        .toList();
    List<Hl7Segment> obx = segments("lab", "OBX");
    assertEquals(labs.size(), obx.size());
    long reports = input.get("DiagnosticReport").stream()
        .filter(d -> d.path("category").path(0).path("coding").path(0).path("code").asText().equals("LAB")).count();
    assertTrue(messages.get("lab").size() > reports, "reports plus the groups of unreported observations");
    Set<String> labCodes = new TreeSet<>();
    labs.forEach(o -> labCodes.add(o.path("code").path("coding").path(0).path("code").asText()));
    Set<String> sentLoinc = new TreeSet<>();
    int withLoinc = 0;
    int numeric = 0;
    for (Hl7Segment s : obx) {
      assertEquals("L", s.get(3, 3), "OBX-3 leads with the lab's local code");
      if (s.get(3, 4) != null) {
        assertEquals("LN", s.get(3, 6));
        sentLoinc.add(s.get(3, 4));
        withLoinc++;
      }
      if ("NM".equals(s.get(2))) {
        numeric++;
        assertEquals("UCUM", s.get(6, 3), s.text());
        assertTrue(s.get(5).matches("-?\\d+(\\.\\d+)?"), s.get(5));
      }
      assertEquals("F", s.get(11));
    }
    assertTrue(labCodes.containsAll(sentLoinc));
    assertTrue(withLoinc > obx.size() / 2, "most results carry LOINC");
    assertTrue(withLoinc < obx.size(), "a share carry only the local code");
    assertTrue(numeric > 0);
    assertTrue(obx.stream().anyMatch(s -> s.get(7) != null && s.get(8) != null), "reference ranges and flags");
  }

  @Test
  void answerKeyCoversExactlyTheIdsSent() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("answer-key.csv"));
    assertEquals("source_system,source_patient_id,person_key", lines.get(0));
    Map<String, String> key = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertEquals(3, f.length, line);
      assertTrue(patients.containsKey(f[2]), "person_key is a Synthea Patient id: " + line);
      assertEquals(null, key.put(f[0] + "|" + f[1], f[2]), "one row per source id: " + line);
    }
    Set<String> sent = new TreeSet<>();
    for (String feed : FEEDS) {
      for (Hl7Segment pid : segments(feed, "PID")) {
        sent.add(feed + "|" + pid.get(3, 1));
      }
      for (Hl7Segment mrg : segments(feed, "MRG")) {
        sent.add(feed + "|" + mrg.get(1, 1));
      }
    }
    assertEquals(sent, key.keySet());
    assertEquals(key.size(), report.answerKeyRows());
    // Every feed knows a patient by its own id.
    Set<String> ids = new HashSet<>();
    key.keySet().forEach(k -> assertTrue(ids.add(k.substring(k.indexOf('|') + 1)), k));
    assertTrue(segments("lab", "PID").stream().allMatch(p -> "LABMRN".equals(p.get(3, 4))
        && "MR".equals(p.get(3, 5))));
  }

  @Test
  void conceptMapCoversEveryLocalCode() throws IOException {
    JsonNode cm = new ObjectMapper().readTree(out.resolve("lab/concept-map.json").toFile());
    assertEquals("ConceptMap", cm.path("resourceType").asText());
    Map<String, String> targets = new TreeMap<>();
    for (JsonNode g : cm.path("group")) {
      assertEquals(SynthOptions.LAB_LOCAL_SYSTEM, g.path("source").asText());
      assertEquals("http://loinc.org", g.path("target").asText());
      for (JsonNode e : g.path("element")) {
        targets.put(e.path("code").asText(), e.path("target").path(0).path("code").asText(null));
      }
    }
    int localOnly = 0;
    for (Hl7Segment s : segments("lab", "OBX")) {
      assertTrue(targets.containsKey(s.get(3, 1)), s.get(3, 1));
      if (s.get(3, 4) == null) {
        localOnly++;
        assertNotNull(targets.get(s.get(3, 1)), "a code sent without LOINC is mapped to one");
      } else {
        assertEquals(s.get(3, 4), targets.get(s.get(3, 1)));
      }
    }
    for (Hl7Segment s : segments("lab", "OBR")) {
      assertTrue(targets.containsKey(s.get(4, 1)), s.get(4, 1));
    }
    assertTrue(localOnly > 0);
    assertEquals(report.localCodes(), targets.size());
  }

  @Test
  void labRegistrationsVaryForTheConfiguredShare() throws IOException {
    Map<String, String> key = answerKey(out, "lab");
    int varied = variedLabPatients(messages.get("lab"), key);
    int labPatients = key.size();
    assertEquals((int) Math.ceil(0.3 * labPatients), varied);
    assertEquals(varied, report.labVariations().size());

    Path all = tmp.resolve("all-varied");
    new Hl7FeedSynthesizer(SynthOptions.defaults().withShares(1, 0.2, 0.2, 0.1)).run(FIXTURE, all);
    assertEquals(labPatients, variedLabPatients(split(all.resolve("lab/lab.hl7")), answerKey(all, "lab")));
    Path none = tmp.resolve("none-varied");
    new Hl7FeedSynthesizer(SynthOptions.defaults().withShares(0, 0, 0, 0)).run(FIXTURE, none);
    List<Hl7Message> plain = split(none.resolve("lab/lab.hl7"));
    assertEquals(0, variedLabPatients(plain, answerKey(none, "lab")));
    assertTrue(plain.stream().flatMap(m -> m.all("OBX").stream()).allMatch(s -> s.get(3, 4) != null),
        "share 0: every result carries LOINC");
  }

  private static Map<String, String> answerKey(Path dir, String feed) throws IOException {
    Map<String, String> key = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("answer-key.csv"))) {
      String[] f = line.split(",");
      if (f[0].equals(feed)) {
        key.put(f[1], f[2]);
      }
    }
    return key;
  }

  /** Lab patients whose registration (family, given names, birth date) differs from their FHIR Patient. */
  private static int variedLabPatients(List<Hl7Message> lab, Map<String, String> key) {
    Set<String> varied = new TreeSet<>();
    for (Hl7Message m : lab) {
      Hl7Segment pid = m.first("PID");
      JsonNode truth = patients.get(key.get(pid.get(3, 1)));
      JsonNode name = truth.path("name").path(0);
      List<String> given = new ArrayList<>();
      name.path("given").forEach(g -> given.add(g.asText()));
      boolean same = name.path("family").asText().equals(pid.get(5, 1))
          && given.get(0).equals(pid.get(5, 2))
          && String.join(" ", given.subList(1, given.size())).equals(pid.get(5, 3) == null ? "" : pid.get(5, 3))
          && truth.path("birthDate").asText().replace("-", "").equals(pid.get(7));
      if (!same) {
        varied.add(pid.get(3, 1));
      }
    }
    return varied.size();
  }

  @Test
  void adtFollowsTheEncounters() throws IOException {
    long admitted = input.get("Encounter").stream()
        .filter(e -> Set.of("IMP", "EMER").contains(e.path("class").path("code").asText())).count();
    long others = input.get("Encounter").size() - admitted;
    assertEquals(admitted, count("adt", "A01"));
    assertEquals(admitted, count("adt", "A03"));
    assertEquals(others, count("adt", "A04"));
    assertEquals((long) Math.ceil(0.2 * 3), count("adt", "A08"));
    assertEquals((long) Math.ceil(0.1 * 3), count("adt", "A40"));
    assertEquals(report.adtMerges(), count("adt", "A40"));
    long conditionsWithEncounter = input.get("Condition").stream().filter(c -> c.has("encounter")).count();
    assertTrue(segments("adt", "DG1").size() >= conditionsWithEncounter);

    Map<String, String> key = answerKey(out, "adt");
    for (Hl7Message m : messages.get("adt")) {
      Hl7Segment pv1 = m.first("PV1");
      String trigger = m.header().triggerEvent();
      if (!trigger.equals("A40")) {
        assertNotNull(pv1.get(2), "PV1-2 patient class");
        assertNotNull(pv1.get(19), "PV1-19 visit number");
        assertNotNull(pv1.get(44), "PV1-44 admit time");
      }
      if (trigger.equals("A03")) {
        assertNotNull(pv1.get(45), "PV1-45 discharge time");
      }
      if (trigger.equals("A40")) {
        String survivor = m.first("PID").get(3, 1);
        String duplicate = m.first("MRG").get(1, 1);
        assertFalse(survivor.equals(duplicate));
        assertEquals(key.get(survivor), key.get(duplicate), "the duplicate is the same person");
        // The duplicate was used before the merge, never after it.
        String mergeTime = m.header().messageTime();
        for (Hl7Message other : messages.get("adt")) {
          if (duplicate.equals(other.first("PID").get(3, 1))) {
            assertTrue(other.header().messageTime().compareTo(mergeTime) <= 0);
          }
        }
      }
      if (trigger.equals("A08")) {
        String mrn = m.first("PID").get(3, 1);
        String newStreet = m.first("PID").get(11, 1);
        JsonNode truth = patients.get(key.get(mrn));
        assertEquals(truth.path("address").path(0).path("line").path(0).asText(), newStreet);
        boolean oldAddressBefore = messages.get("adt").stream()
            .anyMatch(o -> mrn.equals(o.first("PID").get(3, 1))
                && o.header().messageTime().compareTo(m.header().messageTime()) < 0
                && !newStreet.equals(o.first("PID").get(11, 1)));
        assertTrue(oldAddressBefore, "messages before the A08 carry the old address");
      }
    }
  }

  @Test
  void pharmacyAndRegistryFollowTheOrdersAndDoses() {
    assertEquals(input.get("MedicationRequest").size(), messages.get("pharmacy").size());
    for (Hl7Message m : messages.get("pharmacy")) {
      assertEquals("RDE", m.header().messageType());
      assertEquals("O11", m.header().triggerEvent());
      Hl7Segment rxe = m.first("RXE");
      assertEquals("RXNORM", rxe.get(2, 3));
      assertNotNull(rxe.get(2, 1));
      assertNotNull(m.first("ORC"));
      assertNotNull(m.first("RXR").get(1, 1));
    }
    assertEquals(input.get("Immunization").size(), segments("registry", "RXA").size());
    assertEquals(segments("registry", "RXA").size(), segments("registry", "ORC").size());
    for (Hl7Segment rxa : segments("registry", "RXA")) {
      assertEquals("CVX", rxa.get(5, 3));
      assertEquals("CP", rxa.get(20));
    }
    for (Hl7Message m : messages.get("registry")) {
      assertEquals("Z22", m.msh().get(21, 1));
      assertNotNull(m.first("PID").get(6, 1), "mother's maiden name");
    }
  }

  @Test
  void mllpFramesEveryMessage() throws IOException {
    Path framed = tmp.resolve("mllp");
    new Hl7FeedSynthesizer(SynthOptions.defaults()).run(FIXTURE, framed);
    new Hl7FeedSynthesizer(SynthOptions.defaults().withMllp(true)).run(FIXTURE, framed);
    for (String feed : FEEDS) {
      Path file = framed.resolve(feed).resolve(feed + ".mllp");
      assertFalse(Files.exists(framed.resolve(feed).resolve(feed + ".hl7")), "the unframed file of a run before");
      byte[] bytes = Files.readAllBytes(file);
      assertEquals(0x0B, bytes[0]);
      assertEquals(0x0D, bytes[bytes.length - 1]);
      assertEquals(0x1C, bytes[bytes.length - 2]);
      List<Hl7Message> list = split(file);
      assertEquals(messages.get(feed).size(), list.size(), feed);
      for (int i = 0; i < list.size(); i++) {
        assertEquals(messages.get(feed).get(i).text(), list.get(i).text());
      }
    }
  }
}
