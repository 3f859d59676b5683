package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * PID/PD1 -> Patient (v2-to-FHIR PID[Patient], PD1[Patient]), and for a merge (PID + MRG) the retired Patient.
 * Identifiers PID-2/3/4 (CX), PID-19 (SSN) and PID-20 (driver's license); names PID-5; mother's maiden name PID-6;
 * birth date PID-7 (with the birthTime extension when a time is sent); gender PID-8; US Core race PID-10 and
 * ethnicity PID-22; addresses PID-11 (county PID-12); telecom PID-13 (home), PID-14 (work), PID-40; language PID-15;
 * marital status PID-16 (v3 code beside the v2 one); multiple birth PID-24/25; death PID-29/30; general
 * practitioner PD1-4 then primary facility PD1-3.
 */
final class PatientMapper {
  private static final String RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
  private static final String ETHNICITY = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
  private static final String MAIDEN = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName";
  private static final String BIRTH_TIME = "http://hl7.org/fhir/StructureDefinition/patient-birthTime";
  private static final String SSN = "http://hl7.org/fhir/sid/us-ssn";
  private static final Set<String> CDC_SYSTEMS = Set.of(CodeSystems.CDC_RACE_ETHNICITY,
      "http://terminology.hl7.org/CodeSystem/v2-0005", "http://terminology.hl7.org/CodeSystem/v2-0189");

  /** The identifier that names a patient: its system (as mapped from the authority) and value. */
  record Key(String system, String value) {}

  private PatientMapper() {}

  /** PID-3 (the MR identifier, else the first), else PID-2, else PID-4. */
  static Key key(Hl7Segment pid) {
    for (int field : new int[] {3, 2, 4}) {
      Key k = choose(Fields.reps(pid, field));
      if (k != null) {
        return k;
      }
    }
    return null;
  }

  /** The identifier of type MR, else the first with a value. */
  static Key choose(List<Hl7Field> cxs) {
    Hl7Field first = null;
    for (Hl7Field f : cxs) {
      if (Fields.text(f, 1) == null) {
        continue;
      }
      if ("MR".equalsIgnoreCase(Fields.text(f, 5))) {
        return new Key(Identifiers.cxSystem(f), Fields.text(f, 1));
      }
      first = first == null ? f : first;
    }
    return first == null ? null : new Key(Identifiers.cxSystem(first), Fields.text(first, 1));
  }

  static String id(MessageContext ctx, MessageLayout.PatientBlock b) {
    Key k = key(b.pid);
    return k != null ? V2Ids.patient(k.system(), k.value()) : V2Ids.of("Patient", ctx.messageKey("PID-" + b.index));
  }

  /** The id of the record a merge retires (MRG-1, else MRG-4), or null when the block merges nothing. */
  static String retiredId(MessageContext ctx, MessageLayout.PatientBlock b) {
    if (b.mrg == null || !AdtEvents.isPatientMerge(ctx)) {
      return null;
    }
    Key k = choose(Fields.reps(b.mrg, 1));
    k = k != null ? k : choose(Fields.reps(b.mrg, 4));
    return k == null ? null : V2Ids.patient(k.system(), k.value());
  }

  /** The Patient of the block; {@code replaces} is the record it absorbed in a merge (or null). */
  static void map(MessageContext ctx, MessageLayout.PatientBlock b, String id, String replaces) {
    Hl7Segment pid = b.pid;
    ObjectNode p = Json.object();
    List<ObjectNode> ext = new ArrayList<>();
    for (ObjectNode e : new ObjectNode[] {race(Fields.reps(pid, 10), RACE, "race-omb"),
        race(Fields.reps(pid, 22), ETHNICITY, "ethnicity-omb")}) {
      if (e != null) {
        ext.add(e);
      }
    }
    String maiden = Fields.text(pid, 6, 1);
    if (maiden != null) {
      ext.add(Json.object().put("url", MAIDEN).put("valueString", maiden));
    }
    Json.addAll(p, "extension", ext);
    for (int field : new int[] {2, 3, 4}) {
      for (Hl7Field cx : Fields.reps(pid, field)) {
        Json.add(p, "identifier", Identifiers.cx(cx));
      }
    }
    Json.add(p, "identifier", Identifiers.of(SSN, Fields.text(pid, 19), "SS"));
    Json.add(p, "identifier", Identifiers.of(null, Fields.text(pid, 20), "DL"));
    if (replaces != null) {
      p.put("active", true);
    }
    for (Hl7Field xpn : Fields.reps(pid, 5)) {
      Json.add(p, "name", HumanNames.xpn(xpn));
    }
    telecom(p, pid, 13, "home");
    telecom(p, pid, 14, "work");
    telecom(p, pid, 40, null);
    Json.put(p, "gender", Vocabulary.code("sex", Fields.text(pid, 8)));
    String birth = Fields.text(pid, 7);
    String birthDate = MessageContext.date(birth);
    Json.put(p, "birthDate", birthDate);
    String birthTime = ctx.dateTime(birth);
    if (birthDate != null && birthTime != null && birthTime.contains("T")) {
      ObjectNode e = Json.object().put("url", BIRTH_TIME).put("valueDateTime", birthTime);
      p.set("_birthDate", Json.add(Json.object(), "extension", e));
    }
    String death = ctx.dateTime(Fields.text(pid, 29));
    if (death != null) {
      p.put("deceasedDateTime", death);
    } else {
      Json.put(p, "deceasedBoolean", Vocabulary.bool("yes-no", Fields.text(pid, 30)));
    }
    for (Hl7Field xad : Fields.reps(pid, 11)) {
      Json.add(p, "address", Addresses.xad(xad));
    }
    county(p, Fields.text(pid, 12));
    Json.set(p, "maritalStatus", maritalStatus(Fields.first(pid, 16)));
    Integer order = Quantities.positiveInt(Fields.text(pid, 25));
    if (order != null) {
      p.put("multipleBirthInteger", order);
    } else {
      Json.put(p, "multipleBirthBoolean", Vocabulary.bool("yes-no", Fields.text(pid, 24)));
    }
    ObjectNode language = language(Fields.first(pid, 15));
    if (language != null) {
      Json.add(p, "communication", Json.object().set("language", language));
    }
    for (Hl7Field xcn : Fields.reps(b.pd1, 4)) {
      Json.add(p, "generalPractitioner", Practitioners.reference(ctx, xcn));
    }
    for (Hl7Field xon : Fields.reps(b.pd1, 3)) {
      Json.add(p, "generalPractitioner", organization(xon));
    }
    if (replaces != null) {
      Json.add(p, "link", link(replaces, "replaces"));
    }
    ctx.emit("Patient", id, id, p);
  }

  /** The record retired by a merge: MRG-1 identifiers, MRG-7 name, inactive, replaced by the survivor. */
  static void mapRetired(MessageContext ctx, MessageLayout.PatientBlock b, String id, String survivorId) {
    ObjectNode p = Json.object();
    for (Hl7Field cx : Fields.reps(b.mrg, 1)) {
      Json.add(p, "identifier", Identifiers.cx(cx));
    }
    p.put("active", false);
    for (Hl7Field xpn : Fields.reps(b.mrg, 7)) {
      Json.add(p, "name", HumanNames.xpn(xpn));
    }
    Json.add(p, "link", link(survivorId, "replaced-by"));
    ctx.emit("Patient", id, id, p);
  }

  private static ObjectNode link(String otherId, String type) {
    ObjectNode l = Json.object();
    l.set("other", Json.reference("Patient", otherId));
    l.put("type", type);
    return l;
  }

  private static void telecom(ObjectNode p, Hl7Segment pid, int field, String defaultUse) {
    for (Hl7Field xtn : Fields.reps(pid, field)) {
      Json.add(p, "telecom", ContactPoints.xtn(xtn, defaultUse));
    }
  }

  /** PID-12 is the county of the (first) address when that address has none. */
  private static void county(ObjectNode p, String county) {
    if (county == null) {
      return;
    }
    ObjectNode first = p.has("address") ? (ObjectNode) p.get("address").get(0) : null;
    if (first == null) {
      Json.add(p, "address", Json.object().put("district", county));
    } else if (!first.has("district")) {
      first.put("district", county);
    }
  }

  /**
   * US Core race or ethnicity: OMB categories as ombCategory, other CDC codes as detailed, and the text (required)
   * from the displays; codes from other systems count only in the text.
   */
  private static ObjectNode race(List<Hl7Field> reps, String url, String ombMap) {
    if (reps.isEmpty()) {
      return null;
    }
    List<ObjectNode> omb = new ArrayList<>();
    List<ObjectNode> detailed = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Hl7Field f : reps) {
      String code = Fields.text(f, 1);
      String display = Fields.text(f, 2);
      String system = CodeSystems.uri(Fields.text(f, 3));
      boolean cdc = system == null || CDC_SYSTEMS.contains(system);
      ObjectNode category = cdc ? Vocabulary.coding(ombMap, code) : null;
      if (category != null) {
        omb.add(Json.object().put("url", "ombCategory").set("valueCoding", category));
      } else if (cdc && code != null && code.matches("\\d{4}-\\d")) {
        detailed.add(Json.object().put("url", "detailed")
            .set("valueCoding", Json.coding(CodeSystems.CDC_RACE_ETHNICITY, code, display)));
      }
      String t = Fields.firstNonNull(display, category == null ? code : category.path("display").asText(null));
      if (t != null && !texts.contains(t)) {
        texts.add(t);
      }
    }
    if (texts.isEmpty()) {
      return null;
    }
    ObjectNode ext = Json.object().put("url", url);
    Json.addAll(ext, "extension", omb);
    Json.addAll(ext, "extension", detailed);
    Json.add(ext, "extension", Json.object().put("url", "text").put("valueString", String.join(", ", texts)));
    return ext;
  }

  private static ObjectNode maritalStatus(Hl7Field f) {
    ObjectNode source = Concepts.concept(f);
    if (source == null) {
      return null;
    }
    String system = CodeSystems.uri(Fields.text(f, 3));
    boolean v2 = system == null || system.endsWith("/v2-0002");
    ObjectNode v3 = v2 ? Vocabulary.coding("marital-status", Fields.text(f, 1)) : null;
    if (v3 == null) {
      return source;
    }
    ObjectNode cc = Json.object();
    Json.add(cc, "coding", v3);
    source.path("coding").forEach(c -> Json.add(cc, "coding", c));
    Json.set(cc, "text", source.get("text"));
    return cc;
  }

  /** PID-15: a BCP-47 tag (ISO 639, or table 0296 values like "en") as urn:ietf:bcp:47, else the concept as sent. */
  private static ObjectNode language(Hl7Field f) {
    String code = Fields.text(f, 1);
    String system = CodeSystems.uri(Fields.text(f, 3));
    boolean tag = code != null && code.matches("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
        && (system == null || system.equals(CodeSystems.BCP47) || system.endsWith("/v2-0296"));
    if (!tag) {
      return Concepts.concept(f);
    }
    ObjectNode cc = Json.concept(CodeSystems.BCP47, code, Fields.text(f, 2));
    Json.put(cc, "text", Fields.text(f, 9));
    return cc;
  }

  /** XON -> a display-only Reference (name XON-1, identifier XON-10 with authority XON-6). */
  private static ObjectNode organization(Hl7Field xon) {
    String name = Fields.text(xon, 1);
    ObjectNode ref = Json.object();
    String value = Fields.text(xon, 10);
    if (value != null) {
      ObjectNode id = Json.object();
      Json.put(id, "system", Identifiers.hdSystem(xon, 6));
      id.put("value", value);
      ref.set("identifier", id);
    }
    Json.put(ref, "display", name);
    return ref.isEmpty() ? null : ref;
  }
}
