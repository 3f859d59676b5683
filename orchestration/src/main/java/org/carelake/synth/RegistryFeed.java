package org.carelake.synth;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.carelake.synth.Population.Encounter;
import org.carelake.synth.Population.Immunization;
import org.carelake.synth.Population.Patient;
import org.carelake.synth.Population.PersonName;

/**
 * The immunization registry's VXU^V04 messages (CDC implementation guide, profile Z22): one per patient visit with
 * an ORC, RXA (CVX code) and RXR per vaccine given. The registry knows patients by its own ids, and also by their
 * mother's maiden name (PID-6), which registries use for matching children.
 */
final class RegistryFeed {
  static final String ID_AUTHORITY = "IIS";
  private static final Set<String> ORAL = Set.of("02", "25", "116", "119", "122");
  private static final Set<String> NASAL = Set.of("111", "149", "125");
  private static final Set<String> SUBCUTANEOUS = Set.of("03", "94", "21", "121", "19", "05", "06", "07");
  private static final Set<String> INTRADERMAL = Set.of("144");

  private final Population pop;
  private final SeededHash hash;

  RegistryFeed(Population pop, SeededHash hash) {
    this.pop = pop;
    this.hash = hash;
  }

  FeedMessages build() {
    SortedMap<String, List<Immunization>> visits = new TreeMap<>();
    for (Immunization i : pop.immunizations()) {
      if (pop.patients().containsKey(i.patientId()) && ClinicalTime.parse(i.occurrence()) != null) {
        visits.computeIfAbsent(i.patientId() + "|" + ClinicalTime.dtm(i.occurrence()), k -> new ArrayList<>())
            .add(i);
      }
    }
    SortedMap<String, String> patients = new TreeMap<>();
    for (List<Immunization> v : visits.values()) {
      patients.put(v.get(0).patientId(), null);
    }
    UniqueIds ids = new UniqueIds(hash, "registry-patient", "", 10);
    SortedMap<String, String> answerKey = new TreeMap<>();
    for (String id : patients.keySet()) {
      answerKey.put(ids.of(id), id);
    }
    UniqueIds doses = new UniqueIds(hash, "registry-dose", "", 10);
    List<OutboundMessage> messages = new ArrayList<>();
    for (List<Immunization> visit : visits.values()) {
      String patientId = visit.get(0).patientId();
      messages.add(message(visit, pop.patients().get(patientId), ids.of(patientId), doses));
    }
    return new FeedMessages(FeedSender.REGISTRY, messages, answerKey);
  }

  private OutboundMessage message(List<Immunization> visit, Patient p, String registryId, UniqueIds doses) {
    Immunization first = visit.get(0);
    OffsetDateTime time = ClinicalTime.parse(first.occurrence());
    List<Segment> body = new ArrayList<>();
    body.add(V2Types.pid(p, V2Types.cx(registryId, ID_AUTHORITY, "SR"))
        .encoded(6, mothersMaidenName(p.mothersMaidenName())));
    for (Immunization i : visit) {
      Encounter enc = i.encounterId() == null ? null : pop.encounters().get(i.encounterId());
      String provider = enc == null ? "" : V2Types.xcn(enc.attending());
      body.add(Segment.of("ORC").field(1, "RE").field(3, doses.of(i.id()), ID_AUTHORITY).encoded(12, provider));
      String when = ClinicalTime.dtm(i.occurrence());
      boolean historical = !i.primarySource();
      body.add(Segment.of("RXA").field(1, "0").field(2, "1").field(3, when).field(4, when)
          .encoded(5, V2Types.cwe(i.vaccine())).field(6, "999")
          .field(9, historical ? "01" : "00", historical ? "Historical information - source unspecified"
              : "New immunization record", "NIP001")
          .encoded(10, provider)
          .field(11, "", "", "", i.location())
          .field(20, completion(i.status())).field(21, "entered-in-error".equals(i.status()) ? "D" : "A"));
      if (!historical) {
        Route route = Route.of(i.vaccine().code());
        body.add(Segment.of("RXR").field(1, route.code(), route.text(), "NCIT"));
      }
    }
    return new OutboundMessage(time, first.patientId() + "|" + first.id(), "VXU", "V04", "VXU_V04", body);
  }

  /** PID-6 from "Yanira774 Heaney114": family last, name type M (maiden). */
  private static String mothersMaidenName(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String[] parts = text.trim().split("\\s+");
    String family = parts[parts.length - 1];
    String given = parts.length > 1 ? parts[0] : null;
    return V2Types.xpn(new PersonName(family, given == null ? List.of() : List.of(given), null, null), "M");
  }

  /** RXA-20 (HL7 table 0322): CP complete, RE refused, NA not administered. */
  private static String completion(String status) {
    if (status == null) {
      return "CP";
    }
    return switch (status) {
      case "not-done" -> "RE";
      default -> "CP";
    };
  }

  /** RXR-1 in the NCI thesaurus codes the CDC guide asks for, by vaccine: most are intramuscular. */
  private record Route(String code, String text) {
    static Route of(String cvx) {
      if (cvx == null) {
        return new Route("C28161", "Intramuscular");
      } else if (ORAL.contains(cvx)) {
        return new Route("C38288", "Oral");
      } else if (NASAL.contains(cvx)) {
        return new Route("C38284", "Nasal");
      } else if (SUBCUTANEOUS.contains(cvx)) {
        return new Route("C38299", "Subcutaneous");
      } else if (INTRADERMAL.contains(cvx)) {
        return new Route("C38238", "Intradermal");
      }
      return new Route("C28161", "Intramuscular");
    }
  }
}
