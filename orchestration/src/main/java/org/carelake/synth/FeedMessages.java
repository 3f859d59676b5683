package org.carelake.synth;

import java.util.List;
import java.util.SortedMap;

/**
 * The messages of one feed and the patient ids it used: each source patient id (PID-3, MRG-1) with the Synthea
 * Patient id it truly belongs to.
 */
record FeedMessages(FeedSender sender, List<OutboundMessage> messages, SortedMap<String, String> patientIds) {}
