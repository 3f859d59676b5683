package org.carelake.transforms.terminology;

import java.io.Serializable;

/** A code as a source row carries it: system as written (any alias), code and display. */
public record Coding(String system, String code, String display) implements Serializable {}
