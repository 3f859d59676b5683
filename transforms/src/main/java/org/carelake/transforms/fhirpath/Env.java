package org.carelake.transforms.fhirpath;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What an expression can see besides its input: the resource, the view's constants (%name), %rowIndex, inside a
 * function argument $this and $index, and optionally a resolver that turns conditional references
 * (Type?identifier=system|value) into the key of the resource they mean (null: unresolved).
 */
public record Env(Item resource, Map<String, List<Item>> constants, int rowIndex, Item thisItem, int index,
                  UnaryOperator<String> conditional) {

  public static Env of(Item resource, Map<String, List<Item>> constants, int rowIndex) {
    return new Env(resource, constants, rowIndex, null, 0, null);
  }

  public Env withConditional(UnaryOperator<String> resolver) {
    return new Env(resource, constants, rowIndex, thisItem, index, resolver);
  }

  Env withThis(Item item, int i) {
    return new Env(resource, constants, rowIndex, item, i, conditional);
  }

  public Env withRowIndex(int i) {
    return new Env(resource, constants, i, thisItem, index, conditional);
  }
}
