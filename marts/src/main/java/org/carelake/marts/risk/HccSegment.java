package org.carelake.marts.risk;

/**
 * CMS-HCC eligibility segments (the coefficient prefixes). Aged community segments carry the 65+ age cells and the
 * originally-disabled terms; disabled community segments the under-65 cells; INS and the new-enrollee segments their
 * own demographic sets.
 */
public enum HccSegment {
  /** Community, non-dual, aged: the hccpy default. */
  CNA(Kind.COMMUNITY),
  /** Community, non-dual, disabled. */
  CND(Kind.COMMUNITY),
  /** Community, full-benefit dual, aged. */
  CFA(Kind.COMMUNITY),
  /** Community, full-benefit dual, disabled. */
  CFD(Kind.COMMUNITY),
  /** Community, partial-benefit dual, aged. */
  CPA(Kind.COMMUNITY),
  /** Community, partial-benefit dual, disabled. */
  CPD(Kind.COMMUNITY),
  /** Long-term institutional. */
  INS(Kind.INSTITUTIONAL),
  /** New enrollee: demographics only. */
  NE(Kind.NEW_ENROLLEE),
  /** Special-needs-plan new enrollee: demographics only. */
  SNPNE(Kind.NEW_ENROLLEE);

  enum Kind { COMMUNITY, INSTITUTIONAL, NEW_ENROLLEE }

  private final Kind kind;

  HccSegment(Kind kind) {
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** Diagnoses only count outside the new-enrollee segments. */
  public boolean usesDiagnoses() {
    return kind != Kind.NEW_ENROLLEE;
  }
}
