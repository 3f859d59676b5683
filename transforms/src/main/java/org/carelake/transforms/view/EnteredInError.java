package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Records that were made in error: status entered-in-error (most clinical resources) or a Condition/Allergy
 * verificationStatus coded entered-in-error. They stay in bronze but leave the current state.
 */
final class EnteredInError {
  private static final String CODE = "entered-in-error";

  private EnteredInError() {}

  static boolean test(JsonNode resource) {
    if (CODE.equals(resource.path("status").asText(null))) {
      return true;
    }
    for (JsonNode coding : resource.path("verificationStatus").path("coding")) {
      if (CODE.equals(coding.path("code").asText(null))) {
        return true;
      }
    }
    return false;
  }
}
