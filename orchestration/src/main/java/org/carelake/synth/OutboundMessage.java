package org.carelake.synth;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A message of a feed before it is sent: its type, the clinical time it is sent at (MSH-7), and its segments after
 * MSH. The feed writer orders messages by time and then {@code sortKey}, and gives them their header and control id.
 *
 * @param sortKey orders messages sent at the same second (patient, then event order within the patient)
 */
record OutboundMessage(OffsetDateTime time, String sortKey, String type, String trigger, String structure,
    List<Segment> body) {
  String typeName() {
    return type + "^" + trigger;
  }
}
