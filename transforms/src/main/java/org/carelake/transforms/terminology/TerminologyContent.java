package org.carelake.transforms.terminology;

import java.util.List;

/**
 * What a terminology file holds: value set codes, concept map entries, code systems (header and concepts), other
 * names of code systems (aliases), and warnings for what could not be taken in (e.g. a value set defined by a filter,
 * which needs a terminology server to expand).
 */
public record TerminologyContent(
    List<ValueSetCode> valueSetCodes,
    List<ConceptMapEntry> conceptMapEntries,
    List<CodeSystemDefinition> codeSystems,
    List<CodeSystemConcept> codeSystemConcepts,
    List<CodeSystemAlias> aliases,
    List<String> warnings) {
  public TerminologyContent {
    valueSetCodes = List.copyOf(valueSetCodes);
    conceptMapEntries = List.copyOf(conceptMapEntries);
    codeSystems = List.copyOf(codeSystems);
    codeSystemConcepts = List.copyOf(codeSystemConcepts);
    aliases = List.copyOf(aliases);
    warnings = List.copyOf(warnings);
  }

  /** Value sets and maps only (what a terminology server's answers bring). */
  public TerminologyContent(List<ValueSetCode> valueSetCodes, List<ConceptMapEntry> conceptMapEntries,
      List<String> warnings) {
    this(valueSetCodes, conceptMapEntries, List.of(), List.of(), List.of(), warnings);
  }
}
