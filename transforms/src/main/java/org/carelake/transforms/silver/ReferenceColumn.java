package org.carelake.transforms.silver;

import java.util.ArrayList;
import java.util.List;
import org.carelake.transforms.fhirpath.Expr;
import org.carelake.transforms.view.ViewColumn;
import org.carelake.transforms.view.ViewDefinition;

/** A column that holds a reference key (its path ends in getReferenceKey()), and the type it points at if named. */
public record ReferenceColumn(String name, String targetType) {

  public static List<ReferenceColumn> of(ViewDefinition view) {
    List<ReferenceColumn> out = new ArrayList<>();
    for (ViewColumn c : view.columns()) {
      Expr e = c.expr();
      while (e instanceof Expr.Path p) {
        e = p.right();
      }
      if (e instanceof Expr.Call call && call.name().equals("getReferenceKey") && !c.collection()) {
        String target = call.args().isEmpty() || !(call.args().get(0) instanceof Expr.Member m) ? null : m.name();
        if (out.stream().noneMatch(r -> r.name().equals(c.name()))) {
          out.add(new ReferenceColumn(c.name(), target));
        }
      }
    }
    return out;
  }
}
