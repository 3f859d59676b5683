package org.carelake.dashboard.data;

import java.time.LocalDate;
import java.util.List;

/** One open care gap on a care manager's worklist. */
public record WorklistRow(String personId, String name, String birthDate, String measureId, String groupId,
    String measureTitle, LocalDate periodEnd, String reason, LocalDate dueDate, String organizationId,
    String practitionerId, Double risk, List<String> cohorts, String outreach) {
  /** The key of a gap's outreach status. */
  public String gapKey() {
    return OutreachStore.key(personId, measureId, groupId, periodEnd);
  }
}
