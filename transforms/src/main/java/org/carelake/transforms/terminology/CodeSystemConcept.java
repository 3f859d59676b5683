package org.carelake.transforms.terminology;

import java.io.Serializable;

/** One concept of a FHIR CodeSystem (nested concepts flattened); system is the CodeSystem's url. */
public record CodeSystemConcept(String system, String version, String code, String display) implements Serializable {}
