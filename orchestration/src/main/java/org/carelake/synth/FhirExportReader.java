package org.carelake.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.carelake.synth.Population.Allergy;
import org.carelake.synth.Population.Coding;
import org.carelake.synth.Population.Component;
import org.carelake.synth.Population.Condition;
import org.carelake.synth.Population.Dosage;
import org.carelake.synth.Population.Encounter;
import org.carelake.synth.Population.Immunization;
import org.carelake.synth.Population.LabObservation;
import org.carelake.synth.Population.LabReport;
import org.carelake.synth.Population.MedicationOrder;
import org.carelake.synth.Population.Patient;
import org.carelake.synth.Population.PersonName;
import org.carelake.synth.Population.PostalAddress;
import org.carelake.synth.Population.Practitioner;
import org.carelake.synth.Population.Quantity;
import org.carelake.synth.Population.Range;
import org.carelake.synth.Population.Value;

/**
 * Reads a FHIR bulk export directory ({@code .ndjson} / {@code .ndjson.gz}, one file or more per type) into a
 * {@link Population}, line by line. Only the types the feeds need are kept, of Observations and DiagnosticReports
 * only the laboratory ones, and each as the few fields the feeds use, so a large export does not have to fit in
 * memory whole.
 */
final class FhirExportReader {
  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";
  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String CVX = "http://hl7.org/fhir/sid/cvx";
  private static final String NPI = "http://hl7.org/fhir/sid/us-npi";
  private static final String SSN = "http://hl7.org/fhir/sid/us-ssn";

  private static final Set<String> WANTED = Set.of("Patient", "Encounter", "Condition", "Observation",
      "DiagnosticReport", "MedicationRequest", "Medication", "Immunization", "AllergyIntolerance", "Practitioner");

  // Decimals as written (5.8459 stays 5.8459), not through double.
  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  /** Read first: encounters and orders resolve their practitioners and medications while they are read. */
  private static final Set<String> REFERENCED = Set.of("Practitioner", "Medication");

  // Everything else is turned into its small record as it is read: JSON trees of a 2,000-patient export did not
  // fit in 8 GB. Keyed by id, so a resource repeated later replaces the earlier one and order is by id.
  private final SortedMap<String, JsonNode> practitionerNodes = new TreeMap<>();
  private final SortedMap<String, JsonNode> medicationNodes = new TreeMap<>();
  private final Map<String, Practitioner> byNpi = new TreeMap<>();
  private final Map<String, Practitioner> byId = new TreeMap<>();
  private final SortedMap<String, Patient> patients = new TreeMap<>();
  private final SortedMap<String, Encounter> encounters = new TreeMap<>();
  private final SortedMap<String, Condition> conditions = new TreeMap<>();
  private final SortedMap<String, LabObservation> labs = new TreeMap<>();
  private final SortedMap<String, LabReport> reports = new TreeMap<>();
  private final SortedMap<String, MedicationOrder> orders = new TreeMap<>();
  private final SortedMap<String, Immunization> immunizations = new TreeMap<>();
  private final SortedMap<String, Allergy> allergies = new TreeMap<>();
  private long unreadableLines;

  /** Lines that were not JSON objects with a resourceType and id (skipped). */
  long unreadableLines() {
    return unreadableLines;
  }

  Population read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> name(p).endsWith(".ndjson") || name(p).endsWith(".ndjson.gz"))
          .sorted(Comparator.comparing(FhirExportReader::name)).toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .ndjson or .ndjson.gz files in " + dir);
    }
    // Two passes: practitioners and medications, then the rest. A file named for its type is read in its pass
    // only; a file named otherwise is read in both, each pass taking its own types from it.
    for (boolean referenced : new boolean[] {true, false}) {
      for (Path f : files) {
        String prefix = name(f).substring(0, name(f).indexOf('.'));
        boolean typed = prefix.matches("[A-Z][A-Za-z]+");
        // Files named for a type the feeds do not use (Claim, Provenance...) are skipped unread.
        if (typed && (!WANTED.contains(prefix) || REFERENCED.contains(prefix) != referenced)) {
          continue;
        }
        readFile(f, referenced, typed || !referenced);
      }
      if (referenced) {
        indexPractitioners();
      }
    }
    return toPopulation();
  }

  private void indexPractitioners() {
    for (JsonNode p : practitionerNodes.values()) {
      String npi = identifier(p, NPI);
      Practitioner pr = new Practitioner(npi, personName(p.path("name").path(0)));
      byId.put(text(p, "id"), pr);
      if (npi != null) {
        byNpi.put(npi, pr);
      }
    }
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private void readFile(Path f, boolean referenced, boolean countUnreadable) throws IOException {
    try (InputStream raw = Files.newInputStream(f);
        InputStream in = name(f).endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          accept(line, referenced, countUnreadable);
        }
      }
    }
  }

  private void accept(String line, boolean referenced, boolean countUnreadable) {
    JsonNode n;
    try {
      n = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      unreadableLines += countUnreadable ? 1 : 0;
      return;
    }
    String type = n == null ? null : text(n, "resourceType");
    String id = n == null ? null : text(n, "id");
    if (type == null || id == null) {
      unreadableLines += countUnreadable ? 1 : 0;
      return;
    }
    if (!WANTED.contains(type) || REFERENCED.contains(type) != referenced) {
      return;
    }
    switch (type) {
      case "Practitioner" -> practitionerNodes.put(id, n);
      case "Medication" -> medicationNodes.put(id, n);
      case "Patient" -> patients.put(id, patient(n));
      case "Encounter" -> encounters.put(id, encounter(n, byNpi, byId));
      case "Condition" -> conditions.put(id, new Condition(id, refId(n.path("subject")), refId(n.path("encounter")),
          coding(n.path("code"), SNOMED), firstText(n, "onsetDateTime", "recordedDate"),
          text(n, "abatementDateTime")));
      case "Observation" -> {
        if (hasCategory(n, "laboratory")) {
          labs.put(id, labObservation(n));
        }
      }
      case "DiagnosticReport" -> {
        if (hasCategory(n, "LAB") || hasCategory(n, "laboratory")) {
          reports.put(id, labReport(n));
        }
      }
      case "MedicationRequest" -> orders.put(id, medicationOrder(n, medicationNodes, byNpi, byId));
      case "Immunization" -> immunizations.put(id, new Immunization(id, refId(n.path("patient")),
          refId(n.path("encounter")), coding(n.path("vaccineCode"), CVX), text(n, "status"),
          firstText(n, "occurrenceDateTime", "recorded"), n.path("primarySource").asBoolean(true),
          text(n.path("location"), "display")));
      case "AllergyIntolerance" -> allergies.put(id, new Allergy(id, refId(n.path("patient")),
          coding(n.path("code"), SNOMED), n.path("category").path(0).asText(null), text(n, "criticality"),
          firstText(n, "recordedDate", "onsetDateTime")));
      default -> throw new IllegalStateException("wanted but not read: " + type);
    }
  }

  private static LabReport labReport(JsonNode d) {
    List<String> results = new ArrayList<>();
    for (JsonNode r : d.path("result")) {
      results.add(refId(r));
    }
    return new LabReport(text(d, "id"), refId(d.path("subject")), refId(d.path("encounter")),
        coding(d.path("code"), LOINC), text(d, "status"), effective(d), text(d, "issued"),
        text(d.path("performer").path(0), "display"), results);
  }

  private static boolean hasCategory(JsonNode n, String code) {
    for (JsonNode cat : n.path("category")) {
      for (JsonNode c : cat.path("coding")) {
        if (code.equals(c.path("code").asText(null))) {
          return true;
        }
      }
    }
    return false;
  }

  private Population toPopulation() {
    List<Condition> conditions = new ArrayList<>(this.conditions.values());
    List<LabObservation> labs = new ArrayList<>(this.labs.values());
    List<LabReport> reports = new ArrayList<>(this.reports.values());
    List<MedicationOrder> orders = new ArrayList<>(this.orders.values());
    List<Immunization> immunizations = new ArrayList<>(this.immunizations.values());
    List<Allergy> allergies = new ArrayList<>(this.allergies.values());
    conditions.sort(Comparator.comparing(Condition::patientId, nullsFirst()).thenComparing(Condition::onset,
        nullsFirst()).thenComparing(Condition::id));
    labs.sort(Comparator.comparing(LabObservation::patientId, nullsFirst())
        .thenComparing(LabObservation::effective, nullsFirst()).thenComparing(LabObservation::id));
    reports.sort(Comparator.comparing(LabReport::patientId, nullsFirst())
        .thenComparing(LabReport::effective, nullsFirst()).thenComparing(LabReport::id));
    orders.sort(Comparator.comparing(MedicationOrder::patientId, nullsFirst())
        .thenComparing(MedicationOrder::authoredOn, nullsFirst()).thenComparing(MedicationOrder::id));
    immunizations.sort(Comparator.comparing(Immunization::patientId, nullsFirst())
        .thenComparing(Immunization::occurrence, nullsFirst()).thenComparing(Immunization::id));
    allergies.sort(Comparator.comparing(Allergy::patientId, nullsFirst())
        .thenComparing(Allergy::recorded, nullsFirst()).thenComparing(Allergy::id));
    return new Population(new TreeMap<>(patients), new TreeMap<>(encounters), List.copyOf(conditions), List.copyOf(labs), List.copyOf(reports),
        List.copyOf(orders), List.copyOf(immunizations), List.copyOf(allergies));
  }

  private static Comparator<String> nullsFirst() {
    return Comparator.nullsFirst(Comparator.naturalOrder());
  }

  private static Patient patient(JsonNode p) {
    JsonNode names = p.path("name");
    JsonNode official = names.path(0);
    for (JsonNode n : names) {
      if ("official".equals(text(n, "use"))) {
        official = n;
        break;
      }
    }
    String phone = null;
    for (JsonNode t : p.path("telecom")) {
      if ("phone".equals(text(t, "system"))) {
        phone = text(t, "value");
        break;
      }
    }
    String ssn = identifier(p, SSN);
    Coding race = null;
    Coding ethnicity = null;
    String maiden = null;
    for (JsonNode ext : p.path("extension")) {
      String url = text(ext, "url");
      if (url == null) {
        continue;
      }
      if (url.endsWith("us-core-race")) {
        race = ombCategory(ext);
      } else if (url.endsWith("us-core-ethnicity")) {
        ethnicity = ombCategory(ext);
      } else if (url.endsWith("patient-mothersMaidenName")) {
        maiden = text(ext, "valueString");
      }
    }
    String deceased = text(p, "deceasedDateTime");
    if (deceased == null && p.path("deceasedBoolean").asBoolean(false)) {
      deceased = "true";
    }
    JsonNode maritalCoding = p.path("maritalStatus").path("coding").path(0);
    Coding marital = maritalCoding.isMissingNode() ? null
        : new Coding(text(maritalCoding, "system"), text(maritalCoding, "code"), text(maritalCoding, "display"));
    return new Patient(text(p, "id"), personName(official), text(p, "gender"), text(p, "birthDate"),
        address(p.path("address").path(0)), phone, ssn, race, ethnicity, marital, deceased, maiden);
  }

  private static Coding ombCategory(JsonNode ext) {
    for (JsonNode e : ext.path("extension")) {
      if ("ombCategory".equals(text(e, "url"))) {
        JsonNode c = e.path("valueCoding");
        return new Coding(text(c, "system"), text(c, "code"), text(c, "display"));
      }
    }
    return null;
  }

  private static PostalAddress address(JsonNode a) {
    if (a.isMissingNode()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode l : a.path("line")) {
      lines.add(l.asText());
    }
    return new PostalAddress(List.copyOf(lines), text(a, "city"), text(a, "state"), text(a, "postalCode"),
        text(a, "country"));
  }

  private static PersonName personName(JsonNode n) {
    List<String> given = new ArrayList<>();
    for (JsonNode g : n.path("given")) {
      given.add(g.asText());
    }
    return new PersonName(text(n, "family"), List.copyOf(given), n.path("prefix").path(0).asText(null),
        n.path("suffix").path(0).asText(null));
  }

  private static Encounter encounter(JsonNode e, Map<String, Practitioner> byNpi, Map<String, Practitioner> byId) {
    JsonNode chosen = null;
    for (JsonNode p : e.path("participant")) {
      String type = p.path("type").path(0).path("coding").path(0).path("code").asText("");
      if (chosen == null || type.equals("ATND")) {
        chosen = p;
      }
    }
    Practitioner attending = chosen == null ? null : practitioner(chosen.path("individual"), byNpi, byId);
    JsonNode type = e.path("type").path(0);
    return new Encounter(text(e, "id"), refId(e.path("subject")), text(e.path("class"), "code"),
        type.isMissingNode() ? null : coding(type, SNOMED), text(e, "status"), text(e.path("period"), "start"),
        text(e.path("period"), "end"), attending, text(e.path("location").path(0).path("location"), "display"),
        text(e.path("serviceProvider"), "display"));
  }

  /** A reference to a Practitioner: by NPI (Synthea's conditional references), by id, else from its display. */
  private static Practitioner practitioner(JsonNode ref, Map<String, Practitioner> byNpi,
      Map<String, Practitioner> byId) {
    if (ref.isMissingNode()) {
      return null;
    }
    String r = text(ref, "reference");
    if (r != null) {
      int bar = r.indexOf('|');
      if (r.contains("identifier=") && bar > 0) {
        String npi = r.substring(bar + 1);
        Practitioner p = byNpi.get(npi);
        if (p != null) {
          return p;
        }
        if (r.contains(NPI)) {
          return new Practitioner(npi, nameFromDisplay(text(ref, "display")));
        }
      } else {
        Practitioner p = byId.get(refId(ref));
        if (p != null) {
          return p;
        }
      }
    }
    String display = text(ref, "display");
    return display == null ? null : new Practitioner(null, nameFromDisplay(display));
  }

  /** "Dr. Angelena945 Nicolas769": prefix, given names, family last. */
  private static PersonName nameFromDisplay(String display) {
    if (display == null || display.isBlank()) {
      return new PersonName(null, List.of(), null, null);
    }
    List<String> parts = new ArrayList<>(List.of(display.trim().split("\\s+")));
    String prefix = parts.size() > 1 && parts.get(0).endsWith(".") ? parts.remove(0) : null;
    String family = parts.remove(parts.size() - 1);
    return new PersonName(family, List.copyOf(parts), prefix, null);
  }

  private static LabObservation labObservation(JsonNode o) {
    List<Component> components = new ArrayList<>();
    for (JsonNode c : o.path("component")) {
      components.add(new Component(coding(c.path("code"), LOINC), value(c)));
    }
    JsonNode rr = o.path("referenceRange").path(0);
    Range range = rr.isMissingNode() ? null
        : new Range(decimal(rr.path("low").path("value")), decimal(rr.path("high").path("value")));
    return new LabObservation(text(o, "id"), refId(o.path("subject")), refId(o.path("encounter")),
        coding(o.path("code"), LOINC), text(o, "status"), effective(o), text(o, "issued"), value(o), range,
        List.copyOf(components));
  }

  private static Value value(JsonNode o) {
    JsonNode q = o.path("valueQuantity");
    if (!q.isMissingNode()) {
      return new Value(new Quantity(decimal(q.path("value")), text(q, "unit"), text(q, "code")), null, null);
    }
    JsonNode cc = o.path("valueCodeableConcept");
    if (!cc.isMissingNode()) {
      return new Value(null, coding(cc, SNOMED), null);
    }
    if (o.has("valueInteger")) {
      return new Value(new Quantity(decimal(o.path("valueInteger")), null, null), null, null);
    }
    for (String f : List.of("valueString", "valueBoolean", "valueDateTime", "valueTime")) {
      if (o.has(f)) {
        return new Value(null, null, o.path(f).asText());
      }
    }
    return new Value(null, null, null);
  }

  private static String effective(JsonNode n) {
    String t = firstText(n, "effectiveDateTime", "effectiveInstant");
    return t != null ? t : text(n.path("effectivePeriod"), "start");
  }

  private static MedicationOrder medicationOrder(JsonNode m, SortedMap<String, JsonNode> medications,
      Map<String, Practitioner> byNpi, Map<String, Practitioner> byId) {
    Coding med;
    if (m.has("medicationCodeableConcept")) {
      med = coding(m.path("medicationCodeableConcept"), RXNORM);
    } else {
      JsonNode ref = m.path("medicationReference");
      JsonNode resource = medications.get(refId(ref));
      med = resource != null ? coding(resource.path("code"), RXNORM)
          : new Coding(null, null, text(ref, "display"));
    }
    JsonNode d = m.path("dosageInstruction").path(0);
    Dosage dosage = null;
    if (!d.isMissingNode()) {
      JsonNode dose = d.path("doseAndRate").path(0).path("doseQuantity");
      JsonNode repeat = d.path("timing").path("repeat");
      JsonNode route = d.path("route");
      dosage = new Dosage(text(d, "text"), decimal(dose.path("value")), text(dose, "unit"),
          route.isMissingNode() ? null : coding(route, SNOMED), d.path("asNeededBoolean").asBoolean(false),
          repeat.has("frequency") ? repeat.path("frequency").asInt() : null, decimal(repeat.path("period")),
          text(repeat, "periodUnit"));
    }
    return new MedicationOrder(text(m, "id"), refId(m.path("subject")), refId(m.path("encounter")), med,
        text(m, "status"), text(m, "authoredOn"), practitioner(m.path("requester"), byNpi, byId), dosage);
  }

  /** The coding of the preferred system, else the first; the concept's text stands in for a missing display. */
  static Coding coding(JsonNode concept, String preferredSystem) {
    JsonNode chosen = null;
    for (JsonNode c : concept.path("coding")) {
      if (chosen == null || preferredSystem.equals(text(c, "system"))
          && !preferredSystem.equals(text(chosen, "system"))) {
        chosen = c;
      }
    }
    String conceptText = text(concept, "text");
    if (chosen == null) {
      return new Coding(null, null, conceptText);
    }
    String display = text(chosen, "display");
    return new Coding(text(chosen, "system"), text(chosen, "code"), display != null ? display : conceptText);
  }

  private static String identifier(JsonNode resource, String system) {
    for (JsonNode id : resource.path("identifier")) {
      if (system.equals(text(id, "system"))) {
        return text(id, "value");
      }
    }
    return null;
  }

  /** The id in "Type/id" or "urn:uuid:id"; null for a missing or conditional reference. */
  static String refId(JsonNode ref) {
    String r = text(ref, "reference");
    if (r == null || r.contains("?")) {
      return null;
    }
    if (r.startsWith("urn:uuid:")) {
      return r.substring("urn:uuid:".length());
    }
    int slash = r.lastIndexOf('/');
    return slash < 0 ? r : r.substring(slash + 1);
  }

  private static BigDecimal decimal(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    try {
      return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String firstText(JsonNode n, String... fields) {
    for (String f : fields) {
      String t = text(n, f);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }
}
