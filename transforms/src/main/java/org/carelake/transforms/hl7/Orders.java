package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/** What identifies an order, and what kind of report an OBR is. */
final class Orders {
  /** Order messages: their OBR is a request, not a report (no DiagnosticReport unless OBR-25 has a status). */
  private static final Set<String> ORDER_MESSAGES = Set.of("ORM", "OML", "OMG", "OMI", "OMP", "OMB", "OMD", "OMN",
      "OMS", "OMQ", "ORR", "ORG", "ORL", "RDE", "RDS", "RGV", "RAS", "OPL", "SIU", "MDM");

  private Orders() {}

  /** Filler order number: OBR-3, else ORC-3. */
  static Hl7Field filler(MessageLayout.Order o) {
    Hl7Field f = isObr(o) ? Fields.first(o.main, 3) : null;
    return f != null && Fields.text(f, 1) != null ? f : Fields.first(o.orc, 3);
  }

  /** Placer order number: OBR-2, else ORC-2. */
  static Hl7Field placer(MessageLayout.Order o) {
    Hl7Field f = isObr(o) ? Fields.first(o.main, 2) : null;
    return f != null && Fields.text(f, 1) != null ? f : Fields.first(o.orc, 2);
  }

  /** The order's key: its filler number, else its placer number (each with its authority), else the message. */
  static List<String> key(MessageContext ctx, MessageLayout.Order o) {
    Hl7Field filler = filler(o);
    if (Fields.text(filler, 1) != null) {
      return List.of("filler", Fields.orEmpty(Identifiers.eiSystem(filler)), Fields.text(filler, 1));
    }
    Hl7Field placer = placer(o);
    if (Fields.text(placer, 1) != null) {
      return List.of("placer", Fields.orEmpty(Identifiers.eiSystem(placer)), Fields.text(placer, 1));
    }
    return ctx.messageKey(o.mainPosition >= 0 ? o.mainPosition : "ORC-" + o.index);
  }

  static boolean isObr(MessageLayout.Order o) {
    return o.mainName().equals("OBR");
  }

  /** A report: an OBR with results in a result message, or one that carries a result status. */
  static boolean isReport(MessageContext ctx, MessageLayout.Order o) {
    if (!isObr(o)) {
      return false;
    }
    if (Fields.text(o.main, 25) != null) {
      return true;
    }
    return !o.obx.isEmpty() && (ctx.messageType == null || !ORDER_MESSAGES.contains(ctx.messageType));
  }

  /**
   * Observation.category for the OBX of an order: from the diagnostic service section OBR-24 (laboratory or
   * imaging), laboratory when OBR-24 is empty; none for a section that is neither, or outside an OBR.
   */
  static ObjectNode category(MessageLayout.Order o) {
    if (o == null || !isObr(o)) {
      return null;
    }
    String section = Fields.text(o.main, 24);
    ObjectNode coding = Vocabulary.coding("service-section", section == null ? "LAB" : section);
    return coding == null ? null : Json.add(Json.object(), "coding", coding);
  }


  static Hl7Segment obr(MessageLayout.Order o) {
    return isObr(o) ? o.main : null;
  }
}
