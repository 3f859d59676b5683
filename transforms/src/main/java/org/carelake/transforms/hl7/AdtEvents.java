package org.carelake.transforms.hl7;

import java.util.Map;
import java.util.Set;

/**
 * What an ADT trigger event means for the Encounter and the Patient. Every message is a snapshot: the Encounter it
 * yields is a new version of the same resource, and the silver build keeps the version with the latest
 * {@code meta.lastUpdated} (the message time), so out-of-order arrival resolves to the newest message.
 */
final class AdtEvents {
  /** Events that fix the Encounter's status whatever PV1 says. */
  private static final Map<String, String> STATUS = Map.ofEntries(
      Map.entry("A03", "finished"),          // discharge / end visit
      Map.entry("A11", "entered-in-error"),  // cancel admit / visit notification: the silver build drops it
      Map.entry("A23", "entered-in-error"),  // delete a visit
      Map.entry("A13", "in-progress"),       // cancel discharge: open again, without an end
      Map.entry("A05", "planned"),           // pre-admit
      Map.entry("A14", "planned"),           // pending admit
      Map.entry("A27", "cancelled"),         // cancel pending admit
      Map.entry("A38", "cancelled"),         // cancel pre-admit
      Map.entry("A10", "arrived"),           // patient arriving
      Map.entry("A21", "onleave"),           // leave of absence
      Map.entry("A22", "in-progress"));      // back from leave

  /** Events about the person, not a visit: their PV1 (usually "PV1|1|N") yields no Encounter. */
  private static final Set<String> PERSON_LEVEL = Set.of("A18", "A24", "A28", "A29", "A30", "A31", "A34", "A35",
      "A36", "A37", "A39", "A40", "A41", "A46", "A47", "A48", "A49");

  /** Merges whose MRG-1 names a patient record that the PID's patient replaces. */
  private static final Set<String> PATIENT_MERGES = Set.of("A18", "A30", "A34", "A36", "A39", "A40");

  /** Events whose EVN-6 (event occurred) is the admission, when PV1-44 is empty. */
  private static final Set<String> ADMISSIONS = Set.of("A01", "A04");

  private AdtEvents() {}

  static String fixedStatus(MessageContext ctx) {
    return ctx.isAdt() ? STATUS.get(ctx.trigger) : null;
  }

  static boolean isPersonLevel(MessageContext ctx) {
    return ctx.isAdt() && PERSON_LEVEL.contains(ctx.trigger);
  }

  static boolean isPatientMerge(MessageContext ctx) {
    return ctx.isAdt() && PATIENT_MERGES.contains(ctx.trigger);
  }

  static boolean isAdmission(MessageContext ctx) {
    return ctx.isAdt() && ADMISSIONS.contains(ctx.trigger);
  }

  static boolean isDischarge(MessageContext ctx) {
    return ctx.isAdt() && "A03".equals(ctx.trigger);
  }

  static boolean cancelsDischarge(MessageContext ctx) {
    return ctx.isAdt() && "A13".equals(ctx.trigger);
  }
}
