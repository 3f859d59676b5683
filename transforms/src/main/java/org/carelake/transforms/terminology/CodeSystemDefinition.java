package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * A loaded FHIR CodeSystem's header: its url, version, name and content mode. Only a {@code complete} one lists every
 * code of its system, so only such a one can make a code invalid ({@link KnownConcepts}).
 */
public record CodeSystemDefinition(String system, String version, String name, String content)
    implements Serializable {
  public static final String COMPLETE = "complete";

  /** FHIR R4 makes content mandatory; a resource without it is taken at its word that it lists its concepts. */
  public boolean complete() {
    return content == null || COMPLETE.equals(content);
  }
}
