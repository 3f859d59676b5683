package org.carelake.transforms.view;

import org.carelake.transforms.fhirpath.Expr;

/**
 * A coded element of a view: the select whose columns hold its first coding ({@code <prefix>system},
 * {@code <prefix>code}, {@code <prefix>display}, by position; display -1 when the view has none) and the FHIRPath,
 * from that select's focus, to every coding of the element (so a standard coding in second place still counts).
 */
public record CodedElement(String prefix, int systemIndex, int codeIndex, int displayIndex, Expr codings,
                           String codingsPath) {

  /** The element's name in reports: the prefix without its trailing underscore ({@code coding} for none). */
  public String element(String table) {
    return prefix.isEmpty() ? table : prefix.substring(0, prefix.length() - 1);
  }
}
