package org.carelake.transforms.terminology;

import java.util.ArrayList;
import java.util.List;

/** Collects what the readers of one file find. */
final class ContentBuilder {
  final List<ValueSetCode> valueSetCodes = new ArrayList<>();
  final List<ConceptMapEntry> conceptMapEntries = new ArrayList<>();
  final List<CodeSystemDefinition> codeSystems = new ArrayList<>();
  final List<CodeSystemConcept> codeSystemConcepts = new ArrayList<>();
  final List<CodeSystemAlias> aliases = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  TerminologyContent build() {
    return new TerminologyContent(valueSetCodes, conceptMapEntries, codeSystems, codeSystemConcepts, aliases,
        warnings);
  }
}
