package org.carelake.orchestration.tasks;

import java.util.ArrayList;
import java.util.List;

/** Input patterns shared by the mart tasks. */
final class Inputs {
  private Inputs() {}

  /**
   * Silver, ref and the gold models. Not all of gold: the marts' own tables are outputs, and listing another mart's
   * output would re-run a task whenever an unrelated one did.
   */
  static List<String> martInputs(List<String> goldModels) {
    List<String> in = new ArrayList<>(List.of("silver.*", "ref.*"));
    in.addAll(goldModels);
    return List.copyOf(in);
  }
}
