package org.carelake.synth;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.carelake.synth.Population.Dosage;
import org.carelake.synth.Population.Encounter;
import org.carelake.synth.Population.MedicationOrder;
import org.carelake.synth.Population.Patient;

/**
 * The pharmacy's RDE^O11 encoded orders, one per MedicationRequest: ORC (order control and status), RXE with the
 * RxNorm give code, TQ1 timing and RXR route. The pharmacy knows patients by its own ids.
 */
final class PharmacyFeed {
  static final String ID_AUTHORITY = "RXPHARM";

  private final Population pop;
  private final SeededHash hash;

  PharmacyFeed(Population pop, SeededHash hash) {
    this.pop = pop;
    this.hash = hash;
  }

  FeedMessages build() {
    List<MedicationOrder> orders = new ArrayList<>();
    SortedMap<String, String> ids = new TreeMap<>();
    for (MedicationOrder o : pop.medicationOrders()) {
      if (pop.patients().containsKey(o.patientId()) && orderTime(o) != null) {
        orders.add(o);
        ids.put(o.patientId(), null);
      }
    }
    UniqueIds patientIds = new UniqueIds(hash, "pharmacy-patient", "P", 8);
    SortedMap<String, String> answerKey = new TreeMap<>();
    for (String id : ids.keySet()) {
      answerKey.put(patientIds.of(id), id);
    }
    UniqueIds placers = new UniqueIds(hash, "ehr-med-order", "", 10);
    UniqueIds rxNumbers = new UniqueIds(hash, "rx-number", "RX", 8);
    List<OutboundMessage> messages = new ArrayList<>();
    for (MedicationOrder o : orders) {
      messages.add(message(o, pop.patients().get(o.patientId()), patientIds.of(o.patientId()), placers.of(o.id()),
          rxNumbers.of(o.id())));
    }
    return new FeedMessages(FeedSender.PHARMACY, messages, answerKey);
  }

  private OffsetDateTime orderTime(MedicationOrder o) {
    OffsetDateTime t = ClinicalTime.parse(o.authoredOn());
    if (t == null && o.encounterId() != null && pop.encounters().containsKey(o.encounterId())) {
      t = ClinicalTime.parse(pop.encounters().get(o.encounterId()).start());
    }
    return t;
  }

  private OutboundMessage message(MedicationOrder o, Patient p, String patientId, String placer, String rxNumber) {
    OffsetDateTime time = orderTime(o);
    Encounter enc = o.encounterId() == null ? null : pop.encounters().get(o.encounterId());
    String display = o.medication().display() == null ? "" : o.medication().display();
    Form form = Form.of(display);
    Dosage d = o.dosage();
    BigDecimal dose = d != null && d.dose() != null ? d.dose() : BigDecimal.ONE;
    String placerEi = Hl7Text.composite(placer, "EHR");
    String fillerEi = Hl7Text.composite(rxNumber, "RXPHARM");
    List<Segment> body = new ArrayList<>();
    body.add(V2Types.pid(p, V2Types.cx(patientId, ID_AUTHORITY, "PI")));
    body.add(Segment.of("ORC").field(1, "NW").encoded(2, placerEi).encoded(3, fillerEi)
        .field(5, orderStatus(o.status())).field(9, ClinicalTime.dtm(time)).encoded(12, V2Types.xcn(o.requester()))
        .field(21, enc == null ? "" : enc.serviceProvider()));
    body.add(Segment.of("RXE").encoded(2, V2Types.cwe(o.medication()))
        .field(3, dose.stripTrailingZeros().toPlainString()).field(5, form.code(), form.text())
        .field(6, form.code(), form.text()).encoded(7, d == null || d.text() == null ? ""
            : Hl7Text.composite("", d.text()))
        .field(15, rxNumber));
    body.add(Segment.of("TQ1").field(1, "1").field(3, repeatPattern(d)).field(7, ClinicalTime.dtm(time))
        .field(9, "R"));
    Route route = Route.of(display);
    body.add(Segment.of("RXR").field(1, route.code(), route.text(), "HL70162"));
    return new OutboundMessage(time, o.patientId() + "|" + o.id(), "RDE", "O11", "RDE_O11", body);
  }

  /** ORC-5 (HL7 table 0038) from MedicationRequest.status. */
  private static String orderStatus(String s) {
    if (s == null) {
      return "";
    }
    return switch (s) {
      case "active" -> "IP";
      case "completed" -> "CM";
      case "stopped" -> "DC";
      case "cancelled", "entered-in-error" -> "CA";
      case "on-hold" -> "HD";
      case "draft" -> "SC";
      default -> "";
    };
  }

  /** TQ1-3 (HL7 table 0335): QD, BID, TID, QID, Q<n>H, PRN; empty when the dosage says nothing. */
  private static String repeatPattern(Dosage d) {
    if (d == null) {
      return "";
    }
    if (d.asNeeded()) {
      return "PRN";
    }
    if (d.frequency() == null || d.period() == null || d.periodUnit() == null) {
      return "";
    }
    int f = d.frequency();
    BigDecimal period = d.period().stripTrailingZeros();
    if (d.periodUnit().equals("d") && period.compareTo(BigDecimal.ONE) == 0 && f >= 1 && f <= 4) {
      return List.of("QD", "BID", "TID", "QID").get(f - 1);
    }
    if (d.periodUnit().equals("h") && f == 1) {
      return "Q" + period.toPlainString() + "H";
    }
    if (d.periodUnit().equals("d") && f == 1) {
      return "Q" + period.toPlainString() + "D";
    }
    return "";
  }

  /** The dosage form, read from the RxNorm name ("... Oral Tablet"). */
  private record Form(String code, String text) {
    static Form of(String display) {
      String d = display.toLowerCase(Locale.ROOT);
      if (d.contains("tablet")) {
        return new Form("TAB", "Tablet");
      } else if (d.contains("capsule")) {
        return new Form("CAP", "Capsule");
      } else if (d.contains("inhal") || d.contains("metered dose")) {
        return new Form("INH", "Inhalant");
      } else if (d.contains("injection") || d.contains("injectable") || d.contains("injector")
          || d.contains("syringe")) {
        return new Form("INJ", "Injection");
      } else if (d.contains("solution") || d.contains("suspension") || d.contains("syrup")) {
        return new Form("SOLN", "Solution");
      } else if (d.contains("patch")) {
        return new Form("PATCH", "Patch");
      } else if (d.contains("cream") || d.contains("ointment") || d.contains("gel")) {
        return new Form("TOP", "Topical");
      }
      return new Form("EA", "Each");
    }
  }

  /** The route (HL7 table 0162), read from the RxNorm name; oral when it does not say. */
  private record Route(String code, String text) {
    static Route of(String display) {
      String d = display.toLowerCase(Locale.ROOT);
      if (d.contains("inhal")) {
        return new Route("IH", "Inhalation");
      } else if (d.contains("nasal")) {
        return new Route("NS", "Nasal");
      } else if (d.contains("ophthalmic")) {
        return new Route("OP", "Ophthalmic");
      } else if (d.contains("transdermal")) {
        return new Route("TD", "Transdermal");
      } else if (d.contains("topical") || d.contains("cream") || d.contains("ointment")) {
        return new Route("TP", "Topical");
      } else if (d.contains("vaginal")) {
        return new Route("VG", "Vaginal");
      } else if (d.contains("rectal")) {
        return new Route("PR", "Rectal");
      } else if (d.contains("prefilled syringe") || d.contains("auto-injector") || d.contains("pen injector")) {
        return new Route("SC", "Subcutaneous");
      } else if (d.contains("injection") || d.contains("injectable")) {
        return new Route("IV", "Intravenous");
      }
      return new Route("PO", "Oral");
    }
  }
}
