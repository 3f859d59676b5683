package org.carelake.transforms.fhirpath;

/**
 * What the FHIR model tells about an expression before it runs: its type (a FHIR type name, null when unknown) and
 * whether it can return more than one item.
 */
public record StaticType(String type, Cardinality cardinality) {

  public enum Cardinality { ONE, MANY, UNKNOWN }

  public static final StaticType UNKNOWN = new StaticType(null, Cardinality.UNKNOWN);

  public static StaticType one(String type) {
    return new StaticType(type, Cardinality.ONE);
  }

  public boolean many() {
    return cardinality == Cardinality.MANY;
  }

  StaticType withType(String t) {
    return new StaticType(t, cardinality);
  }
}
