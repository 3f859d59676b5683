package org.carelake.transforms.identity;

import org.apache.spark.sql.SparkSession;

/**
 * The knobs of an identity run.
 *
 * @param upper match probability from which a pair links automatically
 * @param lower match probability from which a pair goes to review
 * @param maxBlock blocks with more records are skipped (a block of n records gives n(n-1)/2 pairs); the other
 *     blocking keys still pair their records
 * @param maxIdentifierGroup records sharing one identifier beyond which the identifier is taken for a placeholder
 *     (999-99-9999, a shared family MRN) and links nothing
 * @param emMinPairs candidate pairs needed before m and lambda are estimated by EM; fewer keep the defaults
 * @param emSamplePairs at most this many candidate pairs (a seeded sample) feed EM
 * @param emFixU EM keeps the default u and fits m and lambda only (false: fits u too)
 * @param emPriorShare weight of the default model as a prior in EM's M-step, as a share of the pairs EM sees (0:
 *     plain EM); keeps a level EM would drive to zero (a move changes address, postal code and phone together, and
 *     EM then takes every mover for a non-match) from weighing -20 bits
 * @param overrides CSV of manual link/unlink decisions (any Hadoop path), or null
 */
public record IdentityOptions(double upper, double lower, int maxBlock, int maxIdentifierGroup, long emMinPairs,
                              long emSamplePairs, boolean emFixU, double emPriorShare, String overrides) {
  /** Spark conf keys ({@code --conf} or spark-defaults), read by {@link #fromConf}. */
  public static final String CONF_PREFIX = "spark.carelake.identity.";
  public static final double DEFAULT_EM_PRIOR_SHARE = 0.1;

  public static IdentityOptions defaults() {
    return new IdentityOptions(LinkDecision.DEFAULT_UPPER, LinkDecision.DEFAULT_LOWER, 1000, 20, 20_000, 2_000_000,
        false, DEFAULT_EM_PRIOR_SHARE, null);
  }

  /** Defaults, overridden by {@code spark.carelake.identity.<name>} settings of the session. */
  public static IdentityOptions fromConf(SparkSession spark) {
    IdentityOptions d = defaults();
    return new IdentityOptions(
        Double.parseDouble(conf(spark, "upper", d.upper)),
        Double.parseDouble(conf(spark, "lower", d.lower)),
        Integer.parseInt(conf(spark, "maxBlock", d.maxBlock)),
        Integer.parseInt(conf(spark, "maxIdentifierGroup", d.maxIdentifierGroup)),
        Long.parseLong(conf(spark, "emMinPairs", d.emMinPairs)),
        Long.parseLong(conf(spark, "emSamplePairs", d.emSamplePairs)),
        Boolean.parseBoolean(conf(spark, "emFixU", d.emFixU)),
        Double.parseDouble(conf(spark, "emPriorShare", d.emPriorShare)),
        spark.conf().get(CONF_PREFIX + "overrides", null));
  }

  public IdentityOptions withOverrides(String path) {
    return new IdentityOptions(upper, lower, maxBlock, maxIdentifierGroup, emMinPairs, emSamplePairs, emFixU,
        emPriorShare, path);
  }

  public IdentityOptions withEmMinPairs(long n) {
    return new IdentityOptions(upper, lower, maxBlock, maxIdentifierGroup, n, emSamplePairs, emFixU, emPriorShare,
        overrides);
  }

  public IdentityOptions withEmFixU(boolean fix) {
    return new IdentityOptions(upper, lower, maxBlock, maxIdentifierGroup, emMinPairs, emSamplePairs, fix, emPriorShare,
        overrides);
  }

  private static String conf(SparkSession spark, String name, Object fallback) {
    return spark.conf().get(CONF_PREFIX + name, String.valueOf(fallback));
  }
}
