package org.carelake.transforms.view;

import java.util.ArrayList;
import java.util.List;
import org.carelake.transforms.fhirpath.FhirPathParser;

/**
 * Finds a view's coded elements from its columns alone, so that views stay plain SQL-on-FHIR: in one select, a
 * column with path {@code E.system} and one with path {@code E.code} (and optionally {@code E.display}) are the first
 * coding of element E, unless the select also reads {@code E.value} (then E is a Quantity, whose system and code are
 * its unit). {@code X.coding.first()} stands for the CodeableConcept X, whose every coding is read; any other E is
 * one Coding ({@code Encounter.class}); an empty E is the select's focus (a forEach over codings).
 */
public final class CodedElements {
  private CodedElements() {}

  /** The coded elements of one select, in column order. */
  public record Group(SelectNode node, List<CodedElement> elements) {}

  /** Every select with coded elements, in the view's column order. */
  public static List<Group> of(ViewDefinition view) {
    List<Group> out = new ArrayList<>();
    walk(view.root(), out);
    return out;
  }

  private static void walk(SelectNode node, List<Group> out) {
    List<CodedElement> found = new ArrayList<>();
    for (ViewColumn system : node.columns()) {
      String e = stem(system.path(), "system");
      if (e == null || !system.name().endsWith("system") || system.collection()) {
        continue;
      }
      ViewColumn code = byPath(node, join(e, "code"));
      if (code == null || code.collection() || byPath(node, join(e, "value")) != null) {
        continue;
      }
      ViewColumn display = byPath(node, join(e, "display"));
      String prefix = system.name().substring(0, system.name().length() - "system".length());
      String codings = e.isEmpty() ? "$this"
          : e.endsWith(".coding.first()") ? e.substring(0, e.length() - ".first()".length()) : e;
      found.add(new CodedElement(prefix, system.index(), code.index(), display == null ? -1 : display.index(),
          FhirPathParser.parse(codings), codings));
    }
    if (!found.isEmpty()) {
      out.add(new Group(node, List.copyOf(found)));
    }
    node.selects().forEach(s -> walk(s, out));
    node.unionAll().forEach(s -> walk(s, out));
  }

  /** E for a path "E.leaf" (or "" for "leaf"), else null. */
  private static String stem(String path, String leaf) {
    String p = path.strip();
    if (p.equals(leaf)) {
      return "";
    }
    return p.endsWith("." + leaf) ? p.substring(0, p.length() - leaf.length() - 1) : null;
  }

  private static String join(String e, String leaf) {
    return e.isEmpty() ? leaf : e + "." + leaf;
  }

  private static ViewColumn byPath(SelectNode node, String path) {
    for (ViewColumn c : node.columns()) {
      if (c.path().strip().equals(path)) {
        return c;
      }
    }
    return null;
  }
}
