package org.carelake.transforms.identity;

/** What to do with a scored pair. */
public enum LinkOutcome {
  /** Same person: link automatically. */
  LINK,
  /** Possibly the same person: a data steward decides. */
  REVIEW,
  /** Different people. */
  NO_LINK
}
