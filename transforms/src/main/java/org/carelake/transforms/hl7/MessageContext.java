package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carelake.ingestion.hl7.Hl7Header;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Segment;
import org.carelake.ingestion.hl7.Hl7Time;

/** One conversion: the message's header facts, its times, and the resources emitted so far (with their ids). */
final class MessageContext {
  final Hl7Message msg;
  final Hl7Header header;
  final Hl7Segment evn;
  final String messageType;
  final String trigger;
  final ZoneId zone;
  final Instant lastUpdated;
  private final String metaSource;
  private final List<DerivedResource> out = new ArrayList<>();
  /** Practitioners come last, after the resources that named them. */
  private final List<DerivedResource> practitioners = new ArrayList<>();
  private final Set<String> emitted = new HashSet<>();
  private final Map<String, Integer> baseIdUses = new HashMap<>();

  MessageContext(Hl7Message msg, String sourceSystem, ZoneId zone) {
    this.msg = msg;
    this.header = msg.header();
    this.evn = msg.first("EVN");
    this.zone = zone;
    this.messageType = upper(Fields.trim(header.messageType()));
    // v2.1-2.2 senders carry the event in EVN-1 only
    this.trigger = upper(Fields.firstNonNull(Fields.trim(header.triggerEvent()), Fields.text(evn, 1)));
    Instant sent = Hl7Time.instant(Fields.text(msg.msh(), 7), zone);
    this.lastUpdated = sent != null ? sent : Hl7Time.instant(Fields.text(evn, 2), zone);
    String control = Fields.trim(header.controlId());
    this.metaSource = sourceSystem == null ? null : sourceSystem + (control == null ? "" : "#" + control);
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  boolean isAdt() {
    return "ADT".equals(messageType);
  }

  /** FHIR dateTime as precise as sent; null when the text is not a v2 date/time (never guessed). */
  String dateTime(String v2) {
    return Hl7Time.fhirDateTime(v2, zone);
  }

  static String date(String v2) {
    return Hl7Time.fhirDate(v2);
  }

  /** FHIR instant: only from a time with at least minutes (an instant cannot be a bare date). */
  String instant(String v2) {
    String t = Hl7Time.fhirDateTime(v2, zone);
    return t != null && t.contains("T") ? t : null;
  }

  /**
   * Key parts naming something only this message knows: sender (MSH-3, MSH-4), time (MSH-7, as sent: senders that
   * reuse control ids) and control id (MSH-10), and the segment's position.
   */
  List<String> messageKey(Object position) {
    return List.of("message", Fields.orEmpty(header.sendingApplication()),
        Fields.orEmpty(header.sendingFacility()), Fields.orEmpty(Fields.text(msg.msh(), 7)),
        Fields.orEmpty(header.controlId()), String.valueOf(position));
  }


  boolean emitted(String type, String id) {
    return emitted.contains(type + "/" + id);
  }

  /**
   * The id for a key; when this message already used it for another resource of the type (two OBX with the same code
   * and sub-id under one order), the key gets "#n" for its n-th use, in message order.
   */
  String uniqueId(String type, List<String> key) {
    String base = V2Ids.of(type, key);
    int n = baseIdUses.merge(type + "/" + base, 1, Integer::sum);
    if (n == 1) {
      return base;
    }
    List<String> k = new ArrayList<>(key);
    k.add("#" + n);
    return V2Ids.of(type, k);
  }

  void emit(String type, String id, String patientId, ObjectNode body) {
    ObjectNode r = Json.object();
    r.put("resourceType", type);
    r.put("id", id);
    ObjectNode meta = Json.object();
    Json.put(meta, "lastUpdated", lastUpdated == null ? null : lastUpdated.toString());
    Json.put(meta, "source", metaSource);
    Json.set(r, "meta", meta);
    r.setAll(body);
    emitted.add(type + "/" + id);
    DerivedResource d = new DerivedResource(type, id, lastUpdated, patientId, Json.write(r));
    (type.equals("Practitioner") ? practitioners : out).add(d);
  }

  List<DerivedResource> resources() {
    List<DerivedResource> all = new ArrayList<>(out);
    all.addAll(practitioners);
    return Collections.unmodifiableList(all);
  }
}
