package org.carelake.transforms.view;

/** A ViewDefinition that cannot run; the message names the element (e.g. select[0].column[2].path) and the problem. */
public final class ViewDefinitionException extends IllegalArgumentException {
  public ViewDefinitionException(String message) {
    super(message);
  }
}
