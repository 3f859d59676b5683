package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carelake.ingestion.hl7.Hl7Field;

/**
 * XTN -> ContactPoint: e-mail XTN-4 when the equipment type (XTN-3) is Internet or the use (XTN-2) is NET, else the
 * number: XTN-12 unformatted, else country XTN-5 and area XTN-6 (when numeric), local XTN-7 and extension XTN-8,
 * else the pre-2.3 XTN-1. System from XTN-3 (table 0202), use from XTN-2 (table 0201), mobile for a cell phone
 * (CP), else the field's default (home for PID-13, work for PID-14).
 */
final class ContactPoints {
  private ContactPoints() {}

  static ObjectNode xtn(Hl7Field f, String defaultUse) {
    if (f == null) {
      return null;
    }
    String useCode = Fields.text(f, 2);
    String equipment = Fields.text(f, 3);
    String email = Fields.text(f, 4);
    boolean isEmail = "NET".equalsIgnoreCase(useCode) || "Internet".equalsIgnoreCase(equipment)
        || "X.400".equalsIgnoreCase(equipment) || (equipment == null && email != null);
    String value = isEmail ? Fields.firstNonNull(email, Fields.text(f, 1)) : number(f);
    if (value == null) {
      return null;
    }
    ObjectNode c = Json.object();
    Json.put(c, "system", isEmail ? "email" : Fields.firstNonNull(Vocabulary.code("telecom-system", equipment),
        equipment == null ? "phone" : null));
    c.put("value", value);
    String use = "CP".equalsIgnoreCase(equipment) ? "mobile" : Vocabulary.code("telecom-use", useCode);
    Json.put(c, "use", use != null ? use : useCode == null ? defaultUse : null);
    return c;
  }

  private static String number(Hl7Field f) {
    String unformatted = Fields.text(f, 12);
    if (unformatted != null) {
      return unformatted;
    }
    String local = Fields.text(f, 7);
    if (local == null) {
      return Fields.text(f, 1);
    }
    StringBuilder sb = new StringBuilder();
    String country = Fields.text(f, 5);
    String area = Fields.text(f, 6);
    String ext = Fields.text(f, 8);
    if (country != null && country.matches("\\d{1,4}")) {
      sb.append('+').append(country).append(' ');
    }
    if (area != null && area.matches("\\d{1,5}")) {
      sb.append('(').append(area).append(") ");
    }
    sb.append(local);
    if (ext != null) {
      sb.append(" ext. ").append(ext);
    }
    return sb.toString();
  }
}
