package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.carelake.transforms.fhir.FhirModel;
import org.carelake.transforms.fhirpath.Env;
import org.carelake.transforms.fhirpath.Expr;
import org.carelake.transforms.fhirpath.FhirPathEvaluator;
import org.carelake.transforms.fhirpath.FhirPathException;
import org.carelake.transforms.fhirpath.Item;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one resource into the rows of a view, following the specification's Process(S, N) algorithm: the foci of
 * each selection (forEach / forEachOrNull / repeat), its columns, the Cartesian product with nested selects, and
 * the concatenation of unionAll branches. Rows are Object arrays in {@link ViewDefinition#columns()} order.
 */
public final class ViewRows {

  private final ViewDefinition view;
  private final FhirPathEvaluator evaluator;
  private final DataType[] types;
  private final int width;
  private final ConformedColumns conformed;
  private String source;

  public ViewRows(ViewDefinition view) {
    this(view, null);
  }

  /** Rows with the columns of {@code conformed} after the view's own (null: the view's columns only). */
  public ViewRows(ViewDefinition view, ConformedColumns conformed) {
    this.view = view;
    this.conformed = conformed;
    this.evaluator = new FhirPathEvaluator(FhirModel.r4());
    int own = view.columns().size();
    this.width = own + (conformed == null ? 0 : conformed.fields().size());
    this.types = new DataType[width];
    for (ViewColumn c : view.columns()) {
      types[c.index()] = ColumnTypes.sqlType(c);
    }
    for (int i = own; i < width; i++) {
      types[i] = conformed.fields().get(i - own).dataType();
    }
    // unionAll branches after the first share positions but are separate Column objects: same types.
  }

  public ViewDefinition view() {
    return view;
  }

  public DataType type(int index) {
    return types[index];
  }

  /** The rows of one resource; none if it is of another type or fails the view's where clauses. */
  public List<Object[]> rows(JsonNode resource) {
    return rows(resource, null);
  }

  /** As {@link #rows(JsonNode)}, resolving conditional references with {@code conditional} (may be null). */
  public List<Object[]> rows(JsonNode resource, java.util.function.UnaryOperator<String> conditional) {
    return rows(resource, conditional, null);
  }

  /** As {@link #rows(JsonNode, java.util.function.UnaryOperator)}, for a resource from {@code source}. */
  public List<Object[]> rows(JsonNode resource, java.util.function.UnaryOperator<String> conditional,
                             String source) {
    this.source = source;
    Item root = FhirPathEvaluator.root(resource);
    if (!view.resource().equals(root.type())) {
      return List.of();
    }
    Env env = Env.of(root, view.constants(), 0).withConditional(conditional);
    List<Item> input = List.of(root);
    for (Expr w : view.where()) {
      List<Item> r = evaluator.eval(w, input, env);
      if (r.isEmpty()) {
        return List.of();
      }
      if (r.size() > 1 || !(r.get(0).primitive() instanceof Boolean b)) {
        throw new FhirPathException("where clause of view '" + view.name() + "' returned " + r
            + " for " + view.resource() + "/" + resource.path("id").asText() + ", not a boolean");
      }
      if (!b) {
        return List.of();
      }
    }
    return process(view.root(), root, env);
  }

  private List<Object[]> process(SelectNode node, Item focusIn, Env env) {
    List<Item> foci;
    if (!node.repeat().isEmpty()) {
      foci = new ArrayList<>();
      traverse(node, focusIn, env, foci);
    } else if (node.forEach() != null) {
      foci = evaluator.eval(node.forEach(), List.of(focusIn), env);
    } else {
      foci = List.of(focusIn);
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < foci.size(); i++) {
      Item f = foci.get(i);
      Env e = node.forEach() != null || !node.repeat().isEmpty() ? env.withRowIndex(i) : env;
      List<List<Object[]>> parts = new ArrayList<>();
      if (!node.columns().isEmpty()) {
        Object[] row = new Object[width];
        for (ViewColumn c : node.columns()) {
          row[c.index()] = value(c, evaluator.eval(c.expr(), List.of(f), e), f);
        }
        if (conformed != null) {
          conformed.fill(node, f, e, evaluator, row, source);
        }
        parts.add(List.<Object[]>of(row));
      }
      for (SelectNode s : node.selects()) {
        parts.add(process(s, f, e));
      }
      if (!node.unionAll().isEmpty()) {
        List<Object[]> union = new ArrayList<>();
        for (SelectNode u : node.unionAll()) {
          union.addAll(process(u, f, e));
        }
        parts.add(union);
      }
      product(parts, 0, new Object[width], rows);
    }
    if (foci.isEmpty() && node.forEach() != null && node.orNull()) {
      Object[] row = new Object[width];
      for (ViewColumn c : node.columns()) {
        if (c.path().equals("%rowIndex")) {
          row[c.index()] = 0;
        }
      }
      rows.add(row);
    }
    return rows;
  }

  private void traverse(SelectNode node, Item item, Env env, List<Item> out) {
    for (Expr p : node.repeat()) {
      for (Item child : evaluator.eval(p, List.of(item), env)) {
        out.add(child);
        traverse(node, child, env, out);
      }
    }
  }

  /** Each part fills its own positions; a row is every combination of one partial row per part. */
  private void product(List<List<Object[]>> parts, int k, Object[] acc, List<Object[]> out) {
    if (k == parts.size()) {
      out.add(acc.clone());
      return;
    }
    for (Object[] partial : parts.get(k)) {
      Object[] merged = acc.clone();
      for (int i = 0; i < width; i++) {
        if (partial[i] != null) {
          merged[i] = partial[i];
        }
      }
      product(parts, k + 1, merged, out);
    }
  }

  private Object value(ViewColumn c, List<Item> items, Item focus) {
    if (items.isEmpty()) {
      return c.collection() ? List.of() : null;
    }
    DataType t = types[c.index()];
    if (c.collection()) {
      DataType element = ((ArrayType) t).elementType();
      List<Object> values = new ArrayList<>(items.size());
      for (Item i : items) {
        Object v = ColumnTypes.value(i, element);
        if (v != null) {
          values.add(v);
        }
      }
      return values;
    }
    if (items.size() > 1) {
      throw new FhirPathException("column '" + c.name() + "' ('" + c.path() + "') of view '" + view.name()
          + "' found " + items.size() + " values but expects one (collection is not true)");
    }
    return ColumnTypes.value(items.get(0), t);
  }
}
