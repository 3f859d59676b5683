package org.carelake.synth;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carelake.synth.Population.Coding;
import org.carelake.synth.Population.Component;
import org.carelake.synth.Population.Encounter;
import org.carelake.synth.Population.LabObservation;
import org.carelake.synth.Population.LabReport;
import org.carelake.synth.Population.Patient;
import org.carelake.synth.Population.Quantity;
import org.carelake.synth.Population.Range;
import org.carelake.synth.Population.Value;

/**
 * The reference lab's ORU^R01 results: one message per laboratory DiagnosticReport, and one per group of laboratory
 * Observations no report holds (same patient, encounter and time). The lab has its own test codes, its own MRNs, and
 * its own registration of each patient, which for a share of them differs from the truth.
 */
final class LabFeed {
  static final String MRN_AUTHORITY = "LABMRN";
  static final String PERFORMING_LAB = "Carelake Reference Laboratory";

  /** What the lab feed produced besides its messages. */
  record Result(FeedMessages feed, LabCatalog catalog, SortedMap<String, List<DemographicVariation>> variations) {}

  /** One lab order: the observations reported together under one OBR. */
  private record Order(String key, String patientId, String encounterId, LabReport report,
      List<LabObservation> observations, String orderSetKey) {}

  private final Population pop;
  private final SeededHash hash;
  private final SynthOptions options;
  private final ReferenceRanges ranges;

  LabFeed(Population pop, SeededHash hash, SynthOptions options, ReferenceRanges ranges) {
    this.pop = pop;
    this.hash = hash;
    this.options = options;
    this.ranges = ranges;
  }

  Result build() {
    List<Order> orders = orders();
    LabCatalog catalog = catalog(orders);
    SortedMap<String, Patient> registered = new TreeMap<>();
    for (Order o : orders) {
      registered.put(o.patientId(), pop.patients().get(o.patientId()));
    }
    // The lab's registration: for a share of patients, not quite the person the hospital knows.
    SortedMap<String, List<DemographicVariation>> variations = new TreeMap<>();
    for (String id : hash.pick(registered.keySet(), options.labVariationShare(), "lab-variation")) {
      DemographicVariation.Varied v = DemographicVariation.vary(registered.get(id), hash.random("lab-variation", id));
      registered.put(id, v.patient());
      variations.put(id, v.applied());
    }
    UniqueIds mrns = new UniqueIds(hash, "lab-mrn", "L", 8);
    SortedMap<String, String> answerKey = new TreeMap<>();
    for (String id : registered.keySet()) {
      answerKey.put(mrns.of(id), id);
    }
    UniqueIds placers = new UniqueIds(hash, "ehr-lab-order", "", 10);
    UniqueIds accessions = new UniqueIds(hash, "lab-accession", "A", 9);
    List<OutboundMessage> messages = new ArrayList<>();
    for (Order o : orders) {
      messages.add(message(o, registered.get(o.patientId()), mrns.of(o.patientId()), placers.of(o.key()),
          accessions.of(o.key()), catalog));
    }
    return new Result(new FeedMessages(FeedSender.LAB, messages, answerKey), catalog, variations);
  }

  /** Reports first (each observation goes with the first report that lists it), then the observations left over. */
  private List<Order> orders() {
    Map<String, LabObservation> byId = new TreeMap<>();
    for (LabObservation o : pop.labObservations()) {
      // A result needs a patient the lab can register and a time to be sent at.
      if (pop.patients().containsKey(o.patientId())
          && (ClinicalTime.parse(o.effective()) != null || ClinicalTime.parse(o.issued()) != null)) {
        byId.put(o.id(), o);
      }
    }
    Set<String> assigned = new TreeSet<>();
    List<Order> orders = new ArrayList<>();
    for (LabReport r : pop.labReports()) {
      List<LabObservation> obs = new ArrayList<>();
      for (String id : r.resultIds()) {
        LabObservation o = byId.get(id);
        if (o != null && o.patientId().equals(r.patientId()) && assigned.add(id)) {
          obs.add(o);
        }
      }
      if (!obs.isEmpty()) {
        orders.add(new Order("report|" + r.id(), r.patientId(), r.encounterId(), r, List.copyOf(obs), null));
      }
    }
    SortedMap<String, List<LabObservation>> rest = new TreeMap<>();
    for (LabObservation o : byId.values()) {
      if (!assigned.contains(o.id())) {
        String key = o.patientId() + "|" + nullToEmpty(o.encounterId()) + "|" + nullToEmpty(o.effective());
        rest.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
      }
    }
    for (Map.Entry<String, List<LabObservation>> e : rest.entrySet()) {
      List<LabObservation> obs = e.getValue();
      String setKey = null;
      if (obs.size() > 1) {
        Set<String> members = new TreeSet<>();
        for (LabObservation o : obs) {
          members.add(LabCatalog.key(o.code()));
        }
        setKey = "set|" + String.join(",", members);
      }
      LabObservation first = obs.get(0);
      orders.add(new Order("group|" + e.getKey(), first.patientId(), first.encounterId(), null, List.copyOf(obs),
          setKey));
    }
    return orders;
  }

  private LabCatalog catalog(List<Order> orders) {
    List<Coding> tests = new ArrayList<>();
    Map<String, String> orderSets = new LinkedHashMap<>();
    for (Order o : orders) {
      if (o.report() != null) {
        tests.add(o.report().code());
      }
      if (o.orderSetKey() != null) {
        orderSets.put(o.orderSetKey(), orderSetName(o.observations()));
      }
      for (LabObservation obs : o.observations()) {
        tests.add(obs.code());
        for (Component c : obs.components()) {
          tests.add(c.code());
        }
      }
    }
    return LabCatalog.build(hash, tests, orderSets, options.labLocalOnlyShare(), options.labLocalSystem());
  }

  /**
   * The lab's name for an order set: what the member tests' names end with in common (the allergen IgE tests share
   * "IgE Ab [Units/volume] in Serum": "IGE AB SER PNL"), else the first member's name and how many more.
   */
  private static String orderSetName(List<LabObservation> members) {
    // By name, so the same set of tests gets the same name whichever order it arrives in.
    List<LabObservation> obs = new ArrayList<>(members);
    obs.sort(Comparator.comparing(LabFeed::display));
    List<String> common = null;
    for (LabObservation o : obs) {
      List<String> words = List.of(display(o).trim().split("\\s+"));
      if (common == null) {
        common = words;
        continue;
      }
      int n = 0;
      while (n < common.size() && n < words.size()
          && common.get(common.size() - 1 - n).equals(words.get(words.size() - 1 - n))) {
        n++;
      }
      common = common.subList(common.size() - n, common.size());
    }
    if (common != null && !common.isEmpty()) {
      return LabCatalog.localName(String.join(" ", common)) + " PNL";
    }
    String first = LabCatalog.localName(display(obs.get(0)));
    return (first.length() > 24 ? first.substring(0, 24).trim() : first) + " +" + (obs.size() - 1);
  }

  private static String display(LabObservation o) {
    return o.code().display() != null ? o.code().display() : o.code().code() == null ? "" : o.code().code();
  }

  private OutboundMessage message(Order o, Patient patient, String mrn, String placer, String accession,
      LabCatalog catalog) {
    LabReport r = o.report();
    LabObservation first = o.observations().get(0);
    String effective = r != null && r.effective() != null ? r.effective() : first.effective();
    String issued = r != null && ClinicalTime.parse(r.issued()) != null ? r.issued()
        : latestIssued(o.observations());
    Encounter enc = o.encounterId() == null ? null : pop.encounters().get(o.encounterId());
    String orderingFacility = r != null && r.performer() != null ? r.performer()
        : enc != null ? enc.serviceProvider() : null;
    LabCatalog.Test ordered = r != null ? catalog.test(r.code())
        : o.orderSetKey() != null ? catalog.orderSet(o.orderSetKey()) : catalog.test(first.code());
    String status = r != null ? reportStatus(r.status()) : "F";

    List<Segment> body = new ArrayList<>();
    body.add(V2Types.pid(patient, V2Types.cx(mrn, MRN_AUTHORITY, "MR")));
    String placerEi = Hl7Text.composite(placer, "EHR");
    String fillerEi = Hl7Text.composite(accession, "CLAB");
    String provider = enc == null ? "" : V2Types.xcn(enc.attending());
    body.add(Segment.of("ORC").field(1, "RE").encoded(2, placerEi).encoded(3, fillerEi).field(5, "CM")
        .field(9, ClinicalTime.dtm(issued)).encoded(12, provider).field(21, orderingFacility));
    body.add(Segment.of("OBR").field(1, "1").encoded(2, placerEi).encoded(3, fillerEi)
        .encoded(4, catalog.identifier(ordered)).field(7, ClinicalTime.dtm(effective)).encoded(16, provider)
        .field(22, ClinicalTime.dtm(issued)).field(24, "LAB").field(25, status));
    int seq = 0;
    int sub = 0;
    for (LabObservation obs : o.observations()) {
      String obsStatus = resultStatus(obs.status());
      if (obs.components().isEmpty() || !obs.value().isEmpty()) {
        body.add(obx(++seq, "", catalog.identifier(catalog.test(obs.code())), obs.code(), obs.value(),
            obs.range(), obsStatus, obs));
      }
      if (!obs.components().isEmpty()) {
        // A multi-part result: its parts share an OBX-4 sub-id.
        String subId = Integer.toString(++sub);
        for (Component c : obs.components()) {
          body.add(obx(++seq, subId, catalog.identifier(catalog.test(c.code())), c.code(), c.value(), null,
              obsStatus, obs));
        }
      }
    }
    return new OutboundMessage(ClinicalTime.parse(issued), o.patientId() + "|" + o.key(), "ORU", "R01",
        "ORU_R01", body);
  }

  private Segment obx(int seq, String subId, String identifier, Coding code, Value v, Range given, String status,
      LabObservation obs) {
    Segment s = Segment.of("OBX").field(1, Integer.toString(seq)).encoded(3, identifier).field(4, subId);
    if (v.quantity() != null && v.quantity().value() != null) {
      Quantity q = v.quantity();
      BigDecimal reported = reported(q.value());
      Range range = given != null ? given : ranges.lookup(code, q);
      String ucum = q.code() != null ? q.code() : q.unit();
      s.field(2, "NM").field(5, reported.toPlainString())
          .field(6, ucum, q.unit() != null ? q.unit() : ucum, ucum == null ? "" : "UCUM")
          .field(7, ReferenceRanges.text(range)).field(8, ReferenceRanges.flag(range, reported));
    } else if (v.coded() != null) {
      s.field(2, "CWE").encoded(5, V2Types.cwe(v.coded()));
    } else if (v.text() != null) {
      s.field(2, v.text().length() > 199 ? "TX" : "ST").field(5, v.text());
    } else {
      status = "X"; // no value: the result could not be obtained
    }
    return s.field(11, status).field(14, ClinicalTime.dtm(obs.effective()))
        .field(19, ClinicalTime.dtm(obs.issued())).field(23, PERFORMING_LAB, "L");
  }

  /** Values as a lab prints them: four significant digits, whole numbers from 1000 up. */
  static BigDecimal reported(BigDecimal v) {
    BigDecimal r = v.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? v.setScale(0, RoundingMode.HALF_UP)
        : v.round(new MathContext(4, RoundingMode.HALF_UP));
    r = r.stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0) : r;
  }

  /** When the last of these results was released (its issued time, else its effective time). */
  private static String latestIssued(List<LabObservation> obs) {
    OffsetDateTime best = null;
    String text = null;
    for (LabObservation o : obs) {
      String candidate = ClinicalTime.parse(o.issued()) != null ? o.issued() : o.effective();
      OffsetDateTime t = ClinicalTime.parse(candidate);
      if (t != null && (best == null || t.isAfter(best))) {
        best = t;
        text = candidate;
      }
    }
    return text;
  }

  /** OBR-25 (HL7 table 0123) from DiagnosticReport.status. */
  private static String reportStatus(String s) {
    if (s == null) {
      return "F";
    }
    return switch (s) {
      case "registered" -> "I";
      case "partial", "preliminary" -> "P";
      case "amended", "corrected", "appended" -> "C";
      case "cancelled", "entered-in-error" -> "X";
      default -> "F";
    };
  }

  /** OBX-11 (HL7 table 0085) from Observation.status. */
  private static String resultStatus(String s) {
    if (s == null) {
      return "F";
    }
    return switch (s) {
      case "registered" -> "I";
      case "preliminary" -> "P";
      case "amended", "corrected" -> "C";
      case "cancelled" -> "X";
      case "entered-in-error" -> "W";
      default -> "F";
    };
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
