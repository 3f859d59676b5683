package org.carelake.ingestion.hl7;

import java.io.Serializable;

/**
 * The MSH fields bronze keeps beside each message.
 *
 * @param sendingApplication MSH-3 (namespace id, else universal id)
 * @param sendingFacility MSH-4
 * @param receivingApplication MSH-5
 * @param receivingFacility MSH-6
 * @param messageTime MSH-7 as sent
 * @param messageType MSH-9.1, e.g. ADT
 * @param triggerEvent MSH-9.2, e.g. A01
 * @param messageStructure MSH-9.3, e.g. ADT_A01
 * @param controlId MSH-10
 * @param processingId MSH-11.1 (P, T, D)
 * @param version MSH-12.1
 * @param acceptAckType MSH-15 (enhanced acknowledgment mode when present)
 * @param applicationAckType MSH-16
 * @param charset MSH-18
 */
public record Hl7Header(String sendingApplication, String sendingFacility, String receivingApplication,
    String receivingFacility, String messageTime, String messageType, String triggerEvent, String messageStructure,
    String controlId, String processingId, String version, String acceptAckType, String applicationAckType,
    String charset) implements Serializable {

  public static Hl7Header of(Hl7Segment msh) {
    return new Hl7Header(hd(msh, 3), hd(msh, 4), hd(msh, 5), hd(msh, 6), msh.get(7, 1), msh.get(9, 1), msh.get(9, 2),
        msh.get(9, 3), msh.get(10), msh.get(11, 1), msh.get(12, 1), msh.get(15), msh.get(16), msh.get(18));
  }

  private static String hd(Hl7Segment s, int field) {
    String ns = s.get(field, 1);
    return ns != null ? ns : s.get(field, 2);
  }

  /** Enhanced acknowledgment mode: the sender asked for accept acknowledgments (MSH-15 present). */
  public boolean enhancedAck() {
    return acceptAckType != null || applicationAckType != null;
  }
}
