package org.carelake.synth;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carelake.synth.Population.Allergy;
import org.carelake.synth.Population.Condition;
import org.carelake.synth.Population.Encounter;
import org.carelake.synth.Population.Patient;
import org.carelake.synth.Population.PostalAddress;

/**
 * The hospital's ADT feed: A01 admit and A03 discharge for inpatient and emergency encounters, A04 registration for
 * the others, with DG1 for the encounter's conditions and AL1 for known allergies. For a share of patients an A08
 * brings an address change (earlier messages carry the old address); for another share a registrar created a
 * duplicate record at one visit, merged afterwards by an A40 whose MRG-1 is the duplicate's MRN.
 */
final class AdtFeed {
  static final String MRN_AUTHORITY = "HOSPMRN";
  static final String VISIT_AUTHORITY = "HOSPVN";
  private static final Set<String> ADMITTED = Set.of("IMP", "ACUTE", "NONAC", "EMER");
  private static final List<String> STREETS = List.of("Maple Street", "Oak Avenue", "Elm Road", "Cedar Lane",
      "Pine Court", "Washington Street", "Highland Avenue", "School Street", "Pleasant Street", "Park Drive");

  // Event order among messages sent at the same second.
  private static final int ADMIT = 1;
  private static final int UPDATE = 2;
  private static final int DISCHARGE = 3;
  private static final int MERGE = 4;

  /** The hospital's record of a patient: its MRN and the demographics registered under it. */
  private record Registration(String mrn, Patient patient) {}

  /** A patient's address history: the old address until the A08, the current one from then on. */
  private record AddressChange(Encounter at, OffsetDateTime time, PostalAddress before) {}

  /** The duplicate record: created at one encounter, merged at {@code mergeTime}. */
  private record Duplicate(Encounter at, Registration record, OffsetDateTime mergeTime) {}

  private final Population pop;
  private final SeededHash hash;
  private final SynthOptions options;
  private final Map<String, List<Condition>> conditionsByEncounter = new TreeMap<>();
  private final Map<String, List<Allergy>> allergiesByPatient = new TreeMap<>();

  /** What the ADT feed produced, with the patients that got an update or a merge. */
  record Result(FeedMessages feed, Set<String> updated, Set<String> merged) {}

  AdtFeed(Population pop, SeededHash hash, SynthOptions options) {
    this.pop = pop;
    this.hash = hash;
    this.options = options;
    for (Condition c : pop.conditions()) {
      if (c.encounterId() != null) {
        conditionsByEncounter.computeIfAbsent(c.encounterId(), k -> new ArrayList<>()).add(c);
      }
    }
    for (Allergy a : pop.allergies()) {
      allergiesByPatient.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(a);
    }
  }

  Result build() {
    SortedMap<String, List<Encounter>> visits = new TreeMap<>();
    for (Encounter e : pop.encounters().values()) {
      if (pop.patients().containsKey(e.patientId()) && ClinicalTime.parse(e.start()) != null) {
        visits.computeIfAbsent(e.patientId(), k -> new ArrayList<>()).add(e);
      }
    }
    for (List<Encounter> list : visits.values()) {
      list.sort((a, b) -> {
        int c = ClinicalTime.parse(a.start()).compareTo(ClinicalTime.parse(b.start()));
        return c != 0 ? c : a.id().compareTo(b.id());
      });
    }
    UniqueIds mrns = new UniqueIds(hash, "adt-mrn", "H", 7);
    for (String id : visits.keySet()) {
      mrns.of(id);
    }
    Set<String> merged = hash.pick(visits.keySet(), options.adtMergeShare(), "adt-merge");
    Set<String> withAddress = new TreeSet<>();
    for (String id : visits.keySet()) {
      if (pop.patients().get(id).address() != null) {
        withAddress.add(id);
      }
    }
    Set<String> updated = hash.pick(withAddress, options.adtUpdateShare(), "adt-update");

    UniqueIds visitNumbers = new UniqueIds(hash, "adt-visit", "V", 9);
    SortedMap<String, String> answerKey = new TreeMap<>();
    List<OutboundMessage> messages = new ArrayList<>();
    for (Map.Entry<String, List<Encounter>> e : visits.entrySet()) {
      String id = e.getKey();
      List<Encounter> encounters = e.getValue();
      Patient truth = pop.patients().get(id);
      Registration main = new Registration(mrns.of(id), truth);
      answerKey.put(main.mrn(), id);
      Duplicate dup = merged.contains(id) ? duplicate(truth, encounters, mrns) : null;
      if (dup != null) {
        answerKey.put(dup.record().mrn(), id);
      }
      AddressChange move = updated.contains(id) ? addressChange(truth, encounters, dup) : null;
      for (Encounter enc : encounters) {
        Registration reg = dup != null && dup.at().id().equals(enc.id()) ? dup.record() : main;
        messages.addAll(visitMessages(enc, reg, move, visitNumbers.of(enc.id())));
        if (move != null && move.at().id().equals(enc.id())) {
          messages.add(update(enc, reg, move, visitNumbers.of(enc.id())));
        }
      }
      if (dup != null) {
        messages.add(merge(main, dup, move));
      }
    }
    return new Result(new FeedMessages(FeedSender.ADT, messages, answerKey), updated, merged);
  }

  /**
   * The duplicate: registered at one visit under a new MRN, without SSN and with a variation in name or birth date
   * (why the registrar's search missed the existing record); merged a day after the visit, or halfway to the next.
   */
  private Duplicate duplicate(Patient truth, List<Encounter> encounters, UniqueIds mrns) {
    Random r = hash.random("adt-duplicate", truth.id());
    int i = r.nextInt(encounters.size());
    Encounter at = encounters.get(i);
    Patient registered = DemographicVariation.vary(truth, r).patient().withoutSsn();
    Registration record = new Registration(mrns.of("duplicate|" + truth.id()), registered);
    OffsetDateTime end = lastEventTime(at);
    OffsetDateTime merge = end.plusDays(1);
    if (i + 1 < encounters.size()) {
      OffsetDateTime next = ClinicalTime.parse(encounters.get(i + 1).start());
      if (!merge.isBefore(next)) {
        merge = end.plus(Duration.between(end, next).dividedBy(2));
      }
    }
    if (!merge.isAfter(end)) {
      merge = end.plusMinutes(1);
    }
    return new Duplicate(at, record, merge);
  }

  /** The address change: at an encounter that is not the duplicate's, ten minutes after registration. */
  private AddressChange addressChange(Patient truth, List<Encounter> encounters, Duplicate dup) {
    Random r = hash.random("adt-update", truth.id());
    List<Encounter> candidates = new ArrayList<>();
    for (Encounter e : encounters) {
      if (dup == null || !dup.at().id().equals(e.id())) {
        candidates.add(e);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Encounter at = candidates.get(r.nextInt(candidates.size()));
    OffsetDateTime start = ClinicalTime.parse(at.start());
    OffsetDateTime time = start.plusMinutes(10);
    OffsetDateTime end = ClinicalTime.parse(at.end());
    if (end != null && end.isBefore(time)) {
      time = end.isAfter(start) ? end : start;
    }
    PostalAddress now = truth.address();
    String street = (1 + r.nextInt(999)) + " " + STREETS.get(r.nextInt(STREETS.size()));
    PostalAddress before = new PostalAddress(List.of(street), now.city(), now.state(), now.postalCode(),
        now.country());
    return new AddressChange(at, time, before);
  }

  /** The registration as sent at a time: before an address change, with the old address. */
  private static Patient asOf(Registration reg, AddressChange move, OffsetDateTime t) {
    if (move != null && t.isBefore(move.time())) {
      return reg.patient().withAddress(move.before());
    }
    return reg.patient();
  }

  private static OffsetDateTime lastEventTime(Encounter e) {
    OffsetDateTime end = ClinicalTime.parse(e.end());
    return end != null ? end : ClinicalTime.parse(e.start());
  }

  private List<OutboundMessage> visitMessages(Encounter e, Registration reg, AddressChange move, String visit) {
    OffsetDateTime start = ClinicalTime.parse(e.start());
    OffsetDateTime end = ClinicalTime.parse(e.end());
    List<OutboundMessage> out = new ArrayList<>();
    if (ADMITTED.contains(e.classCode())) {
      out.add(adt("A01", "ADT_A01", start, ADMIT, e, reg, move, visit, "A", true));
      if (end != null) {
        out.add(adt("A03", "ADT_A03", end.isBefore(start) ? start : end, DISCHARGE, e, reg, move, visit, "F",
            false));
      }
    } else {
      out.add(adt("A04", "ADT_A01", start, ADMIT, e, reg, move, visit, "W", true));
    }
    return out;
  }

  private OutboundMessage adt(String trigger, String structure, OffsetDateTime time, int order, Encounter e,
      Registration reg, AddressChange move, String visit, String diagnosisType, boolean allergies) {
    List<Segment> body = new ArrayList<>();
    body.add(evn(trigger, time));
    body.add(pid(asOf(reg, move, time), reg.mrn()));
    body.add(pv1(e, visit, trigger.equals("A03")));
    int seq = 0;
    for (Condition c : conditionsByEncounter.getOrDefault(e.id(), List.of())) {
      body.add(Segment.of("DG1").field(1, Integer.toString(++seq)).encoded(3, V2Types.cwe(c.code()))
          .field(5, ClinicalTime.dtm(c.onset())).field(6, diagnosisType));
    }
    if (allergies) {
      body.addAll(al1(reg.patient().id(), time));
    }
    return new OutboundMessage(time, sortKey(reg, order, e.id()), "ADT", trigger, structure, body);
  }

  private OutboundMessage update(Encounter e, Registration reg, AddressChange move, String visit) {
    List<Segment> body = new ArrayList<>();
    body.add(evn("A08", move.time()));
    body.add(pid(reg.patient(), reg.mrn()));
    body.add(pv1(e, visit, false));
    body.addAll(al1(reg.patient().id(), move.time()));
    return new OutboundMessage(move.time(), sortKey(reg, UPDATE, e.id()), "ADT", "A08", "ADT_A01", body);
  }

  private OutboundMessage merge(Registration main, Duplicate dup, AddressChange move) {
    Patient prior = dup.record().patient();
    List<Segment> body = List.of(evn("A40", dup.mergeTime()),
        pid(asOf(main, move, dup.mergeTime()), main.mrn()),
        Segment.of("MRG").encoded(1, V2Types.cx(dup.record().mrn(), MRN_AUTHORITY, "MR"))
            .encoded(7, V2Types.xpn(prior.name(), "L")));
    return new OutboundMessage(dup.mergeTime(), sortKey(main, MERGE, dup.at().id()), "ADT", "A40", "ADT_A39",
        body);
  }

  private static String sortKey(Registration reg, int order, String encounterId) {
    return reg.patient().id() + "|" + order + "|" + encounterId;
  }

  private static Segment evn(String trigger, OffsetDateTime time) {
    String t = ClinicalTime.dtm(time);
    return Segment.of("EVN").field(1, trigger).field(2, t).field(6, t);
  }

  /** The hospital sends SSN (PID-19), unlike the lab. */
  private static Segment pid(Patient p, String mrn) {
    return V2Types.pid(p, V2Types.cx(mrn, MRN_AUTHORITY, "MR")).field(19, p.ssn());
  }

  private Segment pv1(Encounter e, String visit, boolean discharge) {
    String patientClass = switch (e.classCode() == null ? "" : e.classCode()) {
      case "IMP", "ACUTE", "NONAC" -> "I";
      case "EMER" -> "E";
      default -> "O";
    };
    Random r = hash.random("adt-bed", e.id());
    String location = switch (patientClass) {
      case "I" -> Hl7Text.composite("MED", Integer.toString(200 + r.nextInt(300)), r.nextBoolean() ? "A" : "B",
          e.location());
      case "E" -> Hl7Text.composite("ED", "", Integer.toString(1 + r.nextInt(24)), e.location());
      default -> Hl7Text.composite("CLINIC", "", "", e.location());
    };
    Segment pv1 = Segment.of("PV1").field(1, "1").field(2, patientClass).encoded(3, location)
        .field(4, patientClass.equals("E") ? "E" : patientClass.equals("I") ? "R" : "")
        .encoded(7, V2Types.xcn(e.attending()))
        .field(10, patientClass.equals("I") ? "MED" : "")
        .encoded(19, V2Types.cx(visit, VISIT_AUTHORITY, "VN"))
        .field(44, ClinicalTime.dtm(e.start()));
    if (discharge) {
      pv1.field(36, "01").field(45, ClinicalTime.dtm(e.end()));
    }
    return pv1;
  }

  /** AL1 for the allergies recorded by this time (HL7 tables 0127 allergen type, 0128 severity). */
  private List<Segment> al1(String patientId, OffsetDateTime time) {
    List<Segment> out = new ArrayList<>();
    int seq = 0;
    for (Allergy a : allergiesByPatient.getOrDefault(patientId, List.of())) {
      OffsetDateTime recorded = ClinicalTime.parse(a.recorded());
      if (recorded != null && recorded.isAfter(time)) {
        continue;
      }
      String type = switch (a.category() == null ? "" : a.category()) {
        case "medication" -> "DA";
        case "food" -> "FA";
        case "environment" -> "EA";
        default -> "MA";
      };
      String severity = switch (a.criticality() == null ? "" : a.criticality()) {
        case "high" -> "SV";
        case "low" -> "MI";
        default -> "U";
      };
      out.add(Segment.of("AL1").field(1, Integer.toString(++seq)).field(2, type).encoded(3, V2Types.cwe(a.code()))
          .field(4, severity).field(6, ClinicalTime.date(a.recorded())));
    }
    return out;
  }
}
