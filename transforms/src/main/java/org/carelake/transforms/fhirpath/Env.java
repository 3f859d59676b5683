package org.carelake.transforms.fhirpath;

import java.util.List;
import java.util.Map;

/**
 * What an expression can see besides its input: the resource, the view's constants (%name), %rowIndex, and inside
 * a function argument $this and $index.
 */
public record Env(Item resource, Map<String, List<Item>> constants, int rowIndex, Item thisItem, int index) {

  public static Env of(Item resource, Map<String, List<Item>> constants, int rowIndex) {
    return new Env(resource, constants, rowIndex, null, 0);
  }

  Env withThis(Item item, int i) {
    return new Env(resource, constants, rowIndex, item, i);
  }

  public Env withRowIndex(int i) {
    return new Env(resource, constants, i, thisItem, index);
  }
}
