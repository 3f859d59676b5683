package org.carelake.transforms.fhir;

import java.util.List;

/**
 * One element of a FHIR type: its name, the types it may take (several for a choice element such as
 * Observation.value[x], named without the [x]) and whether it repeats.
 */
public record ElementDef(String owner, String name, List<String> types, boolean repeats) {

  public boolean isChoice() {
    return types.size() > 1;
  }

  /** The JSON property of a choice element for one of its types: value + Quantity = valueQuantity. */
  public String jsonName(String type) {
    return isChoice() ? name + Character.toUpperCase(type.charAt(0)) + type.substring(1) : name;
  }
}
