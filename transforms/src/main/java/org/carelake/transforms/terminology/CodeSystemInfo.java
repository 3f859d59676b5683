package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * What Carelake knows of a code system: its canonical URI, a name (null when unknown), whether it is a recognised
 * standard, and the name of its validator (see {@link Validators}; NONE when its codes are not checked).
 */
public record CodeSystemInfo(String uri, String name, boolean standard, String validator) implements Serializable {}
