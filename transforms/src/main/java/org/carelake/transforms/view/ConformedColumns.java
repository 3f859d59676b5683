package org.carelake.transforms.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.transforms.fhirpath.Env;
import org.carelake.transforms.fhirpath.FhirPathEvaluator;
import org.carelake.transforms.fhirpath.Item;

/**
 * The columns terminology conformance adds after a view's own: for each coded element {@code x_}
 * {@code x_standard_system}, {@code x_standard_code}, {@code x_standard_display}, {@code x_map_status},
 * {@code x_map_reason}; and where a select has {@code value_quantity} and {@code value_unit_code} beside a coded
 * {@code code_} element (Observation and its components), {@code value_canonical} and {@code unit_canonical}: the
 * value in the canonical UCUM unit of the standard LOINC code.
 */
public final class ConformedColumns {
  public static final String LOINC = "http://loinc.org";
  private static final String[] SUFFIXES = {"standard_system", "standard_code", "standard_display", "map_status",
      "map_reason"};

  private record Slot(CodedElement element, int at) {}

  private record QuantitySlot(int codeAt, int value, int unitCode, int unit, int at) {}

  private final Conformance conformance;
  private final List<StructField> fields = new ArrayList<>();
  private final Map<SelectNode, List<Slot>> slots = new IdentityHashMap<>();
  private final Map<SelectNode, QuantitySlot> quantities = new IdentityHashMap<>();

  public ConformedColumns(ViewDefinition view, Conformance conformance) {
    this.conformance = conformance;
    int at = view.columns().size();
    for (CodedElements.Group g : CodedElements.of(view)) {
      List<Slot> list = new ArrayList<>();
      int codeAt = -1;
      for (CodedElement e : g.elements()) {
        list.add(new Slot(e, at));
        if (e.prefix().equals("code_")) {
          codeAt = at;
        }
        for (String s : SUFFIXES) {
          fields.add(DataTypes.createStructField(e.prefix() + s, DataTypes.StringType, true));
        }
        at += SUFFIXES.length;
      }
      slots.put(g.node(), list);
      ViewColumn value = column(g.node(), "value_quantity");
      ViewColumn unitCode = column(g.node(), "value_unit_code");
      ViewColumn unit = column(g.node(), "value_unit");
      if (codeAt >= 0 && value != null && unitCode != null) {
        quantities.put(g.node(), new QuantitySlot(codeAt, value.index(), unitCode.index(),
            unit == null ? -1 : unit.index(), at));
        fields.add(DataTypes.createStructField("value_canonical", DataTypes.createDecimalType(38, 12), true));
        fields.add(DataTypes.createStructField("unit_canonical", DataTypes.StringType, true));
        at += 2;
      }
    }
  }

  /** The added columns, in order, after the view's own. */
  public List<StructField> fields() {
    return fields;
  }

  /** Fills the added cells of a row that {@code node} produced from {@code focus}. */
  void fill(SelectNode node, Item focus, Env env, FhirPathEvaluator evaluator, Object[] row, String source) {
    List<Slot> list = slots.get(node);
    if (list == null) {
      return;
    }
    for (Slot s : list) {
      List<Item> items = evaluator.eval(s.element().codings(), List.of(focus), env);
      if (items.isEmpty()) {
        continue;
      }
      List<String[]> codings = new ArrayList<>(items.size());
      for (Item i : items) {
        if (i.isObject()) {
          var json = i.json();
          codings.add(new String[] {text(json, "system"), text(json, "code"), text(json, "display")});
        }
      }
      String[] c = conformance.conform(source, codings);
      if (c != null) {
        System.arraycopy(c, 0, row, s.at(), SUFFIXES.length);
      }
    }
    QuantitySlot q = quantities.get(node);
    if (q != null && row[q.value()] instanceof BigDecimal value && LOINC.equals(row[q.codeAt()])) {
      Object[] canonical = conformance.canonical((String) row[q.codeAt() + 1], value, (String) row[q.unitCode()],
          q.unit() < 0 ? null : (String) row[q.unit()]);
      if (canonical != null) {
        row[q.at()] = canonical[0];
        row[q.at() + 1] = canonical[1];
      }
    }
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode json, String field) {
    var v = json.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static ViewColumn column(SelectNode node, String name) {
    for (ViewColumn c : node.columns()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
