package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * The standard code chosen for a concept, and how: {@link #STANDARD} (a coding was already standard and valid),
 * {@link #MAPPED} (through a concept map), {@link #INVALID} (a standard system but a malformed code; system and code
 * as received, canonical system) or {@link #UNMAPPED} (nothing standard and no map). Reason is null for STANDARD.
 */
public record Conformed(String system, String code, String display, String status, String reason)
    implements Serializable {
  public static final String STANDARD = "standard";
  public static final String MAPPED = "mapped";
  public static final String UNMAPPED = "unmapped";
  public static final String INVALID = "invalid";
}
