package org.carelake.transforms.terminology;

import java.util.List;

/**
 * What a terminology file holds: value set codes, concept map entries, code system concepts, and warnings for what
 * could not be taken in (e.g. a value set defined by a filter, which needs a terminology server to expand).
 */
public record TerminologyContent(
    List<ValueSetCode> valueSetCodes,
    List<ConceptMapEntry> conceptMapEntries,
    List<CodeSystemConcept> codeSystemConcepts,
    List<String> warnings) {
  public TerminologyContent {
    valueSetCodes = List.copyOf(valueSetCodes);
    conceptMapEntries = List.copyOf(conceptMapEntries);
    codeSystemConcepts = List.copyOf(codeSystemConcepts);
    warnings = List.copyOf(warnings);
  }
}
