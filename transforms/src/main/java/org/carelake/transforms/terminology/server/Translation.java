package org.carelake.transforms.terminology.server;

import java.util.List;

/**
 * A $translate answer. {@code result} is the server's word on whether there is an acceptable match; the matches may
 * still include ones marked unmatched or disjoint, so callers check each {@link Match#equivalence()}.
 */
public record Translation(boolean result, String message, List<Match> matches) {
  public Translation {
    matches = matches == null ? List.of() : List.copyOf(matches);
  }
}
