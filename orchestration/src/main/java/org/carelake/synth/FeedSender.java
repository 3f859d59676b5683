package org.carelake.synth;

/**
 * Who sends a feed: the directory and file it is written to, MSH-3/MSH-4, the prefix of its control ids, and the
 * message profile it declares in MSH-21 (null when none).
 */
record FeedSender(String feed, String application, String facility, String controlIdPrefix, String profile) {
  static final FeedSender LAB = new FeedSender("lab", "CLAB_LIS", "CARELAKE_REFERENCE_LAB", "LAB", null);
  static final FeedSender ADT = new FeedSender("adt", "HIS_ADT", "CARELAKE_GENERAL_HOSPITAL", "ADT", null);
  static final FeedSender PHARMACY = new FeedSender("pharmacy", "RX_SYSTEM", "CARELAKE_PHARMACY", "RX", null);
  static final FeedSender REGISTRY = new FeedSender("registry", "IIS", "CARELAKE_IMMUNIZATION_REGISTRY", "IIS",
      "Z22^CDCPHINVS");

  static final String RECEIVING_APPLICATION = "CARELAKE";
  static final String RECEIVING_FACILITY = "CARELAKE_LAKEHOUSE";
  static final String VERSION = "2.5.1";
}
