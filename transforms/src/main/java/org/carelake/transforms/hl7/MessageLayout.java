package org.carelake.transforms.hl7;

import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * The groups of a message that the mapping needs, read in one pass and the same for every message structure and
 * version: a patient block per PID (with its PD1, MRG, PV1, PV2, DG1, AL1, IN1 wherever they appear in it), and in
 * it the order groups: an ORC and/or the segment that carries the order (OBR, RXA, RXE, RXO), its RXR and its OBX
 * (each with the NTE after it). OBX outside any order (ADT) belong to the block. Segments before the first PID, and
 * segments the mapping does not use (Z-segments included), are skipped.
 */
final class MessageLayout {
  /** An OBX and the notes (NTE) that follow it. */
  record Obx(int position, Hl7Segment obx, List<Hl7Segment> notes) {}

  static final class Order {
    final int index;
    Hl7Segment orc;
    Hl7Segment main;
    int mainPosition = -1;
    Hl7Segment rxo;
    final List<Hl7Segment> rxr = new ArrayList<>();
    final List<Obx> obx = new ArrayList<>();

    Order(int index) {
      this.index = index;
    }

    String mainName() {
      return main == null ? "" : main.name();
    }
  }

  static final class PatientBlock {
    final int index;
    final int position;
    final Hl7Segment pid;
    Hl7Segment pd1;
    Hl7Segment mrg;
    Hl7Segment pv1;
    Hl7Segment pv2;
    final List<Hl7Segment> dg1 = new ArrayList<>();
    final List<Hl7Segment> al1 = new ArrayList<>();
    final List<Hl7Segment> in1 = new ArrayList<>();
    final List<Obx> obx = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();

    PatientBlock(int index, int position, Hl7Segment pid) {
      this.index = index;
      this.position = position;
      this.pid = pid;
    }
  }

  private MessageLayout() {}

  static List<PatientBlock> read(Hl7Message msg) {
    List<PatientBlock> blocks = new ArrayList<>();
    PatientBlock b = null;
    Order order = null;
    Obx lastObx = null;
    int orders = 0;
    List<Hl7Segment> segs = msg.segments();
    for (int i = 0; i < segs.size(); i++) {
      Hl7Segment s = segs.get(i);
      String name = s.name().strip();
      if (name.equals("PID")) {
        b = new PatientBlock(blocks.size() + 1, i, s);
        blocks.add(b);
        order = null;
        lastObx = null;
        continue;
      }
      if (b == null) {
        continue;
      }
      switch (name) {
        case "PD1" -> b.pd1 = b.pd1 == null ? s : b.pd1;
        case "MRG" -> b.mrg = b.mrg == null ? s : b.mrg;
        case "PV1" -> b.pv1 = b.pv1 == null ? s : b.pv1;
        case "PV2" -> b.pv2 = b.pv2 == null ? s : b.pv2;
        case "DG1" -> b.dg1.add(s);
        case "AL1" -> b.al1.add(s);
        case "IN1" -> b.in1.add(s);
        case "ORC" -> {
          order = new Order(++orders);
          order.orc = s;
          b.orders.add(order);
          lastObx = null;
        }
        case "OBR", "RXA", "RXE", "RXO" -> {
          if (order != null && order.main != null && order.mainName().equals("RXO") && name.equals("RXE")) {
            // RDE_O11: the order as placed (RXO) comes before the pharmacy's encoding of it (RXE), which wins
            order.rxo = order.main;
          } else if (order == null || order.main != null) {
            order = new Order(++orders);
            b.orders.add(order);
          }
          order.main = s;
          order.mainPosition = i;
          lastObx = null;
        }
        case "RXR" -> {
          if (order != null) {
            order.rxr.add(s);
          }
        }
        case "OBX" -> {
          lastObx = new Obx(i, s, new ArrayList<>());
          (order != null ? order.obx : b.obx).add(lastObx);
        }
        case "NTE" -> {
          if (lastObx != null) {
            lastObx.notes().add(s);
          }
        }
        default -> { }
      }
    }
    return blocks;
  }
}
