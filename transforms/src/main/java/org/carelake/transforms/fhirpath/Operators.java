package org.carelake.transforms.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** FHIRPath operators, with the specification's empty-collection and three-valued logic rules. */
final class Operators {

  private Operators() {
  }

  static List<Item> binary(FhirPathEvaluator ev, Expr.Binary b, List<Item> input, Env env) {
    String op = b.op();
    List<Item> left = ev.eval(b.left(), input, env);
    if (op.equals("and") || op.equals("or") || op.equals("xor") || op.equals("implies")) {
      return logic(op, bool(left, op), bool(ev.eval(b.right(), input, env), op));
    }
    List<Item> right = ev.eval(b.right(), input, env);
    return switch (op) {
      case "|" -> union(left, right);
      case "=" -> equality(left, right, false, false);
      case "!=" -> not(equality(left, right, false, false));
      case "~" -> equality(left, right, true, true);
      case "!~" -> not(equality(left, right, true, true));
      case "<", ">", "<=", ">=" -> compare(op, left, right);
      case "in" -> membership(left, right);
      case "contains" -> membership(right, left);
      case "&" -> List.of(Item.of(text(left) + text(right)));
      case "+", "-", "*", "/", "div", "mod" -> arithmetic(op, left, right);
      default -> throw new FhirPathException("unsupported operator " + op);
    };
  }

  private static Boolean bool(List<Item> items, String op) {
    if (items.isEmpty()) {
      return null;
    }
    Object v = FhirPathEvaluator.single(items, "'" + op + "'").primitive();
    if (v instanceof Boolean bv) {
      return bv;
    }
    // A single non-boolean item counts as true (FHIRPath singleton evaluation).
    return Boolean.TRUE;
  }

  private static List<Item> logic(String op, Boolean l, Boolean r) {
    Boolean result = switch (op) {
      case "and" -> Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r) ? Boolean.FALSE
          : l == null || r == null ? null : Boolean.TRUE;
      case "or" -> Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r) ? Boolean.TRUE
          : l == null || r == null ? null : Boolean.FALSE;
      case "xor" -> l == null || r == null ? null : l ^ r;
      default -> Boolean.FALSE.equals(l) || Boolean.TRUE.equals(r) ? Boolean.TRUE
          : l == null || r == null ? null : Boolean.FALSE;
    };
    return result == null ? List.of() : List.of(Item.of(result));
  }

  private static List<Item> not(List<Item> v) {
    return v.isEmpty() ? v : List.of(Item.of(!(Boolean) v.get(0).primitive()));
  }

  static List<Item> union(List<Item> left, List<Item> right) {
    List<Item> out = new ArrayList<>();
    for (Item i : left) {
      addDistinct(out, i);
    }
    for (Item i : right) {
      addDistinct(out, i);
    }
    return out;
  }

  static void addDistinct(List<Item> out, Item i) {
    for (Item o : out) {
      if (Boolean.TRUE.equals(itemEquals(o, i, false))) {
        return;
      }
    }
    out.add(i);
  }

  private static List<Item> equality(List<Item> left, List<Item> right, boolean equivalent, boolean emptyIsFalse) {
    if (left.isEmpty() || right.isEmpty()) {
      if (equivalent) {
        return List.of(Item.of(left.isEmpty() && right.isEmpty()));
      }
      return List.of();
    }
    if (left.size() != right.size()) {
      return List.of(Item.of(false));
    }
    for (int i = 0; i < left.size(); i++) {
      Boolean eq = itemEquals(left.get(i), right.get(i), equivalent);
      if (eq == null) {
        return List.of();
      }
      if (!eq) {
        return List.of(Item.of(false));
      }
    }
    return List.of(Item.of(true));
  }

  /** Equality of two items; null when it cannot be decided (dates of different precision). */
  static Boolean itemEquals(Item a, Item b, boolean equivalent) {
    Object x = a.primitive();
    Object y = b.primitive();
    if (x == null || y == null) {
      JsonNode ja = a.json();
      JsonNode jb = b.json();
      return ja != null && jb != null && ja.equals(jb);
    }
    if (x instanceof Temporal tx && y instanceof Temporal ty) {
      Integer c = tx.compareTo(ty);
      if (c == null) {
        return equivalent ? Boolean.FALSE : null;
      }
      return c == 0;
    }
    if (isNumber(x) && isNumber(y)) {
      return FhirPathEvaluator.decimal(x).compareTo(FhirPathEvaluator.decimal(y)) == 0;
    }
    if (x instanceof String sx && y instanceof String sy) {
      return equivalent ? normalize(sx).equals(normalize(sy)) : sx.equals(sy);
    }
    if (x instanceof Temporal || y instanceof Temporal) {
      // A date/time compared with a string: compare the text (constants of type string vs dates).
      return x.toString().equals(y.toString());
    }
    return x.equals(y);
  }

  private static String normalize(String s) {
    return s.trim().replaceAll("\\s+", " ").toLowerCase();
  }

  private static boolean isNumber(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof BigDecimal;
  }

  private static List<Item> compare(String op, List<Item> left, List<Item> right) {
    if (left.isEmpty() || right.isEmpty()) {
      return List.of();
    }
    Object x = FhirPathEvaluator.single(left, "'" + op + "'").primitive();
    Object y = FhirPathEvaluator.single(right, "'" + op + "'").primitive();
    Integer c;
    if (isNumber(x) && isNumber(y)) {
      c = FhirPathEvaluator.decimal(x).compareTo(FhirPathEvaluator.decimal(y));
    } else if (x instanceof String sx && y instanceof String sy) {
      c = sx.compareTo(sy);
    } else if (x instanceof Temporal tx && y instanceof Temporal ty) {
      c = tx.compareTo(ty);
    } else if (x instanceof Quantity qx && y instanceof Quantity qy && qx.unit().equals(qy.unit())) {
      c = qx.value().compareTo(qy.value());
    } else {
      throw new FhirPathException("cannot compare " + x + " with " + y);
    }
    if (c == null) {
      return List.of();
    }
    boolean r = switch (op) {
      case "<" -> c < 0;
      case ">" -> c > 0;
      case "<=" -> c <= 0;
      default -> c >= 0;
    };
    return List.of(Item.of(r));
  }

  private static List<Item> membership(List<Item> element, List<Item> collection) {
    if (element.isEmpty()) {
      return List.of();
    }
    Item e = FhirPathEvaluator.single(element, "'in'");
    for (Item c : collection) {
      if (Boolean.TRUE.equals(itemEquals(e, c, false))) {
        return List.of(Item.of(true));
      }
    }
    return List.of(Item.of(false));
  }

  private static String text(List<Item> items) {
    if (items.isEmpty()) {
      return "";
    }
    Object v = FhirPathEvaluator.single(items, "'&'").primitive();
    return String.valueOf(v);
  }

  private static List<Item> arithmetic(String op, List<Item> left, List<Item> right) {
    if (left.isEmpty() || right.isEmpty()) {
      return List.of();
    }
    Object x = FhirPathEvaluator.single(left, "'" + op + "'").primitive();
    Object y = FhirPathEvaluator.single(right, "'" + op + "'").primitive();
    if (op.equals("+") && x instanceof String sx && y instanceof String sy) {
      return List.of(Item.of(sx + sy));
    }
    if (!isNumber(x) || !isNumber(y)) {
      throw new FhirPathException("'" + op + "' needs numbers, got " + x + " and " + y);
    }
    boolean integral = !(x instanceof BigDecimal) && !(y instanceof BigDecimal);
    BigDecimal a = FhirPathEvaluator.decimal(x);
    BigDecimal b = FhirPathEvaluator.decimal(y);
    BigDecimal r;
    switch (op) {
      case "+" -> r = a.add(b);
      case "-" -> r = a.subtract(b);
      case "*" -> r = a.multiply(b);
      case "/" -> {
        if (b.signum() == 0) {
          return List.of();
        }
        return List.of(Item.of(FhirPathEvaluator.divide(a, b)));
      }
      case "div" -> {
        if (b.signum() == 0) {
          return List.of();
        }
        r = a.divide(b, 0, RoundingMode.DOWN);
      }
      default -> {
        if (b.signum() == 0) {
          return List.of();
        }
        r = a.remainder(b);
      }
    }
    if (integral || op.equals("div")) {
      long l = r.longValueExact();
      return List.of(l == (int) l ? Item.of((int) l) : Item.of(l));
    }
    return List.of(Item.of(r));
  }
}
