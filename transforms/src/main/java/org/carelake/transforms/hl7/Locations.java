package org.carelake.transforms.hl7;

import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;

/** PL (person location) -> the display of a Location reference; no Location resources are made. */
final class Locations {
  private Locations() {}

  /** The description PL-9, else point of care, room and bed (PL-1..3), else the facility PL-4. */
  static String display(Hl7Field pl) {
    if (pl == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (int c = 1; c <= 3; c++) {
      String p = Fields.text(pl, c);
      if (p != null) {
        parts.add(p);
      }
    }
    return Fields.firstNonNull(Fields.text(pl, 9), parts.isEmpty() ? null : String.join(" ", parts),
        Fields.text(pl, 4, 1));
  }
}
