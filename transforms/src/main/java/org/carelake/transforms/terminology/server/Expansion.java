package org.carelake.transforms.terminology.server;

import java.util.List;

/**
 * All codes of a value set, every page fetched and nested {@code contains} flattened (parents before children, entries
 * without a code, such as grouping headers, left out). {@code url} and {@code version} are the value set's own as the
 * server reports them (version nullable).
 */
public record Expansion(String url, String version, List<ExpandedCode> codes) {
  public Expansion {
    codes = codes == null ? List.of() : List.copyOf(codes);
  }
}
