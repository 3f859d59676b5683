package org.carelake.transforms.view;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Resolves conditional references ({@code Practitioner?identifier=system|value}, as bulk exports write them) to the
 * key of the one resource of the same source that carries that identifier. Identifiers carried by several
 * resources are ambiguous and stay unresolved. Small (identifiers of the referenced resources), shipped to every
 * task with the view batch.
 */
public final class ConditionalReferences implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String SEP = "\u0001";

  private final Map<String, String> byIdentifier = new HashMap<>();
  private final Set<String> ambiguous = new HashSet<>();

  /** Records that resource {@code id} of {@code type} in {@code source} carries identifier system|value. */
  public void add(String source, String type, String system, String value, String id) {
    put(String.join(SEP, source, type, system == null ? "" : system, value), id);
    put(String.join(SEP, source, type, "", value), id);
  }

  private void put(String key, String id) {
    if (ambiguous.contains(key)) {
      return;
    }
    String before = byIdentifier.putIfAbsent(key, id);
    if (before != null && !before.equals(id)) {
      byIdentifier.remove(key);
      ambiguous.add(key);
    }
  }

  public int size() {
    return byIdentifier.size();
  }

  /** The resolver for references made in {@code source}. */
  public UnaryOperator<String> forSource(String source) {
    return reference -> resolve(source, reference);
  }

  /** The key a conditional reference means, or null. Only identifier= criteria are understood. */
  public String resolve(String source, String reference) {
    int q = reference.indexOf('?');
    if (q <= 0) {
      return null;
    }
    String type = reference.substring(reference.lastIndexOf('/', q) + 1, q);
    for (String param : reference.substring(q + 1).split("&")) {
      if (!param.startsWith("identifier=")) {
        continue;
      }
      String token = URLDecoder.decode(param.substring("identifier=".length()), StandardCharsets.UTF_8);
      int bar = token.indexOf('|');
      String system = bar < 0 ? "" : token.substring(0, bar);
      String value = bar < 0 ? token : token.substring(bar + 1);
      return byIdentifier.get(String.join(SEP, source, type, system, value));
    }
    return null;
  }
}
