package org.carelake.synth;

/**
 * How the feeds are derived: the seed of every choice, MLLP framing, and the shares of the imperfections that give
 * identity resolution and terminology mapping their work. Shares are fractions in [0, 1] of the patients (or tests)
 * of the feed concerned; {@code ceil(share * n)} of them are picked, so a share above zero always shows.
 *
 * @param labVariationShare lab patients registered with a typo, nickname, swapped day/month or no middle name
 * @param labLocalOnlyShare lab tests sent with the local code only, without LOINC
 * @param adtUpdateShare hospital patients with an A08 address change
 * @param adtMergeShare hospital patients with a duplicate record created at one visit, then merged by A40
 * @param labLocalSystem the URI of the lab's local code system in its ConceptMap
 */
public record SynthOptions(long seed, boolean mllp, double labVariationShare, double labLocalOnlyShare,
    double adtUpdateShare, double adtMergeShare, String labLocalSystem) {
  public static final String LAB_LOCAL_SYSTEM = "urn:carelake:lab:local";

  public SynthOptions {
    check("lab variation share", labVariationShare);
    check("lab local-only share", labLocalOnlyShare);
    check("ADT update share", adtUpdateShare);
    check("ADT merge share", adtMergeShare);
  }

  public static SynthOptions defaults() {
    return new SynthOptions(1, false, 0.3, 0.2, 0.2, 0.1, LAB_LOCAL_SYSTEM);
  }

  public SynthOptions withSeed(long s) {
    return new SynthOptions(s, mllp, labVariationShare, labLocalOnlyShare, adtUpdateShare, adtMergeShare,
        labLocalSystem);
  }

  public SynthOptions withMllp(boolean m) {
    return new SynthOptions(seed, m, labVariationShare, labLocalOnlyShare, adtUpdateShare, adtMergeShare,
        labLocalSystem);
  }

  public SynthOptions withShares(double labVariation, double labLocalOnly, double adtUpdate, double adtMerge) {
    return new SynthOptions(seed, mllp, labVariation, labLocalOnly, adtUpdate, adtMerge, labLocalSystem);
  }

  private static void check(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1: " + share);
    }
  }
}
