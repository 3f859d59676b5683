package org.carelake.transforms.terminology.server;

/**
 * One {@code match} of a $translate answer: the R4 equivalence (equivalent, wider, narrower, unmatched, ...), the
 * target Coding, and the canonical URL of the concept map that holds the mapping (nullable, as are display and
 * system).
 */
public record Match(String equivalence, String system, String code, String display, String source) {}
