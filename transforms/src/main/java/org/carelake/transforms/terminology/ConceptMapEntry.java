package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * One source code -> target code line of a concept map. {@code sourceFeed} binds the line to one feed (null: any
 * feed); {@code equivalence} is the FHIR R4 ConceptMapEquivalence or R5 ConceptMapRelationship code, or null.
 */
public record ConceptMapEntry(
    String mapUrl,
    String mapVersion,
    String sourceFeed,
    String sourceSystem,
    String sourceCode,
    String sourceDisplay,
    String targetSystem,
    String targetCode,
    String targetDisplay,
    String equivalence) implements Serializable {

  /** This entry bound to a feed (null: any feed), e.g. for a map file loaded for that feed. */
  public ConceptMapEntry withSourceFeed(String feed) {
    return new ConceptMapEntry(mapUrl, mapVersion, feed, sourceSystem, sourceCode, sourceDisplay, targetSystem,
        targetCode, targetDisplay, equivalence);
  }
}
