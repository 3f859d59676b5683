package org.carelake.transforms.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The FHIRPath functions the SQL-on-FHIR v2 specification requires, plus the common ones analysts use. */
final class Functions {

  private Functions() {
  }

  static List<Item> call(FhirPathEvaluator ev, Expr.Call c, List<Item> input, Env env) {
    List<Expr> args = c.args();
    String name = c.name();
    switch (name) {
      case "empty":
        arity(c, 0);
        return bool(input.isEmpty());
      case "exists":
        return bool(!(args.isEmpty() ? input : filter(ev, input, args.get(0), env)).isEmpty());
      case "where":
        arity(c, 1);
        return filter(ev, input, args.get(0), env);
      case "select":
        arity(c, 1);
        return project(ev, input, args.get(0), env);
      case "all":
        arity(c, 1);
        return bool(filter(ev, input, args.get(0), env).size() == input.size());
      case "first":
        arity(c, 0);
        return input.isEmpty() ? input : List.of(input.get(0));
      case "last":
        arity(c, 0);
        return input.isEmpty() ? input : List.of(input.get(input.size() - 1));
      case "tail":
        return input.size() <= 1 ? List.of() : input.subList(1, input.size());
      case "skip":
        int skip = Math.max(0, intArg(ev, c, 0, input, env));
        return skip >= input.size() ? List.of() : input.subList(skip, input.size());
      case "take":
        int take = Math.max(0, intArg(ev, c, 0, input, env));
        return input.subList(0, Math.min(take, input.size()));
      case "single":
        if (input.size() > 1) {
          throw new FhirPathException("single() on " + input.size() + " items");
        }
        return input;
      case "count":
        return List.of(Item.of(input.size()));
      case "distinct":
        return Operators.union(input, List.of());
      case "not":
        if (input.isEmpty()) {
          return input;
        }
        Object v = FhirPathEvaluator.single(input, "not()").primitive();
        if (!(v instanceof Boolean b)) {
          throw new FhirPathException("not() needs a boolean, got " + v);
        }
        return bool(!b);
      case "allTrue", "anyTrue", "allFalse", "anyFalse":
        return booleans(name, input);
      case "hasValue":
        return bool(input.size() == 1 && input.get(0).primitive() != null && !input.get(0).isObject());
      case "iif":
        return iif(ev, c, input, env);
      case "ofType":
        arity(c, 1);
        String type = typeName(c.args().get(0));
        List<Item> typed = new ArrayList<>();
        for (Item i : input) {
          if (ev.isType(i, type)) {
            typed.add(i);
          }
        }
        return typed;
      case "is", "as":
        arity(c, 1);
        return ev.eval(new Expr.TypeTest(name, new Expr.Variable("this"), typeName(args.get(0))), input, env);
      case "extension":
        arity(c, 1);
        return extensions(ev, input, stringArg(ev, c, 0, env));
      case "join":
        return join(ev, c, input, env);
      case "lowBoundary", "highBoundary":
        return boundary(name, input);
      case "getResourceKey":
        arity(c, 0);
        return resourceKey(input);
      case "getReferenceKey":
        return ReferenceKeys.referenceKeys(input, args.isEmpty() ? null : typeName(args.get(0)), env.conditional());
      case "union":
        arity(c, 1);
        return Operators.union(input, ev.eval(args.get(0), List.of(env.resource()), env));
      case "combine":
        arity(c, 1);
        List<Item> all = new ArrayList<>(input);
        all.addAll(ev.eval(args.get(0), List.of(env.resource()), env));
        return all;
      case "children":
        return children(ev, input);
      case "trace":
        return input;
      case "toString":
        return input.isEmpty() ? input : List.of(Item.of(String.valueOf(
            FhirPathEvaluator.single(input, "toString()").primitive())));
      case "toInteger":
        return toInteger(input);
      case "toDecimal":
        return toDecimal(input);
      case "startsWith", "endsWith", "contains", "matches", "replace", "length", "substring", "upper",
         "lower", "trim", "indexOf", "replaceMatches", "split":
        return strings(ev, c, input, env);
      default:
        throw new FhirPathException("unsupported FHIRPath function " + name + "()");
    }
  }

  private static void arity(Expr.Call c, int n) {
    if (c.args().size() != n) {
      throw new FhirPathException(c.name() + "() takes " + n + " argument" + (n == 1 ? "" : "s")
          + ", got " + c.args().size());
    }
  }

  private static List<Item> bool(boolean b) {
    return List.of(Item.of(b));
  }

  /** The type name of a type-specifier argument: Quantity, FHIR.Quantity, System.String, `code`. */
  static String typeName(Expr e) {
    if (e instanceof Expr.Member m) {
      return m.name();
    }
    if (e instanceof Expr.Path p && p.left() instanceof Expr.Member ns && p.right() instanceof Expr.Member m) {
      return ns.name() + "." + m.name();
    }
    throw new FhirPathException("expected a type name, got " + e);
  }

  static List<Item> filter(FhirPathEvaluator ev, List<Item> input, Expr criteria, Env env) {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      Item item = input.get(i);
      List<Item> r = ev.eval(criteria, List.of(item), env.withThis(item, i));
      if (r.size() == 1 && Boolean.TRUE.equals(r.get(0).primitive())) {
        out.add(item);
      }
    }
    return out;
  }

  private static List<Item> project(FhirPathEvaluator ev, List<Item> input, Expr projection, Env env) {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      Item item = input.get(i);
      out.addAll(ev.eval(projection, List.of(item), env.withThis(item, i)));
    }
    return out;
  }

  private static List<Item> booleans(String name, List<Item> input) {
    boolean want = name.endsWith("True");
    boolean all = name.startsWith("all");
    for (Item i : input) {
      boolean match = Boolean.valueOf(want).equals(i.primitive());
      if (all && !match) {
        return bool(false);
      }
      if (!all && match) {
        return bool(true);
      }
    }
    return bool(all);
  }

  private static List<Item> iif(FhirPathEvaluator ev, Expr.Call c, List<Item> input, Env env) {
    if (c.args().size() < 2 || c.args().size() > 3) {
      throw new FhirPathException("iif() takes 2 or 3 arguments");
    }
    List<Item> cond = ev.eval(c.args().get(0), input, env);
    if (cond.size() == 1 && Boolean.TRUE.equals(cond.get(0).primitive())) {
      return ev.eval(c.args().get(1), input, env);
    }
    return c.args().size() == 3 ? ev.eval(c.args().get(2), input, env) : List.of();
  }

  private static List<Item> extensions(FhirPathEvaluator ev, List<Item> input, String url) {
    List<Item> out = new ArrayList<>();
    for (Item ext : ev.member(input, "extension")) {
      JsonNode u = ext.json().get("url");
      if (u != null && u.asText().equals(url)) {
        out.add(ext);
      }
    }
    return out;
  }

  private static List<Item> join(FhirPathEvaluator ev, Expr.Call c, List<Item> input, Env env) {
    if (c.args().size() > 1) {
      throw new FhirPathException("join() takes at most 1 argument");
    }
    String sep = c.args().isEmpty() ? "" : stringArg(ev, c, 0, env);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < input.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(input.get(i).primitive());
    }
    return List.of(Item.of(sb.toString()));
  }

  private static List<Item> boundary(String name, List<Item> input) {
    List<Item> out = new ArrayList<>();
    boolean low = name.equals("lowBoundary");
    for (Item i : input) {
      Object v = i.primitive();
      if (v instanceof Temporal t) {
        out.add(Item.of(low ? t.lowBoundary() : t.highBoundary()));
      } else if (v instanceof BigDecimal d) {
        BigDecimal half = BigDecimal.ONE.movePointLeft(d.scale() + 1).multiply(BigDecimal.valueOf(5));
        out.add(Item.of(low ? d.subtract(half) : d.add(half)));
      } else if (v instanceof Integer n) {
        BigDecimal d = BigDecimal.valueOf(n);
        out.add(Item.of(low ? d.subtract(new BigDecimal("0.5")) : d.add(new BigDecimal("0.5"))));
      }
    }
    return out;
  }

  private static List<Item> resourceKey(List<Item> input) {
    List<Item> out = new ArrayList<>();
    for (Item i : input) {
      JsonNode id = i.json() == null ? null : i.json().get("id");
      if (id != null && id.isTextual()) {
        out.add(Item.of(id.textValue()));
      }
    }
    return out;
  }

  private static List<Item> children(FhirPathEvaluator ev, List<Item> input) {
    List<Item> out = new ArrayList<>();
    for (Item i : input) {
      if (i.isObject()) {
        i.json().fieldNames().forEachRemaining(f -> {
          if (!f.equals("resourceType")) {
            out.addAll(ev.member(List.of(i), f));
          }
        });
      }
    }
    return out;
  }

  private static List<Item> toInteger(List<Item> input) {
    if (input.isEmpty()) {
      return input;
    }
    Object v = FhirPathEvaluator.single(input, "toInteger()").primitive();
    if (v instanceof Integer) {
      return List.of(Item.of(v));
    }
    if (v instanceof Boolean b) {
      return List.of(Item.of(b ? 1 : 0));
    }
    if (v instanceof String s && s.matches("[+-]?\\d+")) {
      return List.of(Item.of(Integer.parseInt(s)));
    }
    return List.of();
  }

  private static List<Item> toDecimal(List<Item> input) {
    if (input.isEmpty()) {
      return input;
    }
    Object v = FhirPathEvaluator.single(input, "toDecimal()").primitive();
    if (v instanceof Integer || v instanceof Long || v instanceof BigDecimal) {
      return List.of(Item.of(FhirPathEvaluator.decimal(v)));
    }
    if (v instanceof String s && s.matches("[+-]?\\d+(\\.\\d+)?")) {
      return List.of(Item.of(new BigDecimal(s)));
    }
    return List.of();
  }

  private static List<Item> strings(FhirPathEvaluator ev, Expr.Call c, List<Item> input, Env env) {
    if (input.isEmpty()) {
      return input;
    }
    Object v = FhirPathEvaluator.single(input, c.name() + "()").primitive();
    if (!(v instanceof String s)) {
      throw new FhirPathException(c.name() + "() needs a string, got " + v);
    }
    switch (c.name()) {
      case "startsWith":
        return bool(s.startsWith(stringArg(ev, c, 0, env)));
      case "endsWith":
        return bool(s.endsWith(stringArg(ev, c, 0, env)));
      case "contains":
        return bool(s.contains(stringArg(ev, c, 0, env)));
      case "matches":
        return bool(Pattern.compile(stringArg(ev, c, 0, env), Pattern.DOTALL).matcher(s).find());
      case "replaceMatches":
        return List.of(Item.of(s.replaceAll(stringArg(ev, c, 0, env), stringArg(ev, c, 1, env))));
      case "replace":
        return List.of(Item.of(s.replace(stringArg(ev, c, 0, env), stringArg(ev, c, 1, env))));
      case "length":
        return List.of(Item.of(s.length()));
      case "upper":
        return List.of(Item.of(s.toUpperCase(Locale.ROOT)));
      case "lower":
        return List.of(Item.of(s.toLowerCase(Locale.ROOT)));
      case "trim":
        return List.of(Item.of(s.trim()));
      case "indexOf":
        return List.of(Item.of(s.indexOf(stringArg(ev, c, 0, env))));
      case "split":
        List<Item> parts = new ArrayList<>();
        for (String p : s.split(Pattern.quote(stringArg(ev, c, 0, env)), -1)) {
          parts.add(Item.of(p));
        }
        return parts;
      default:
        int start = intArg(ev, c, 0, input, env);
        if (start < 0 || start >= s.length()) {
          return List.of();
        }
        int end = c.args().size() > 1 ? Math.min(s.length(), start + intArg(ev, c, 1, input, env)) : s.length();
        return List.of(Item.of(s.substring(start, Math.max(start, end))));
    }
  }

  private static String stringArg(FhirPathEvaluator ev, Expr.Call c, int i, Env env) {
    if (c.args().size() <= i) {
      throw new FhirPathException(c.name() + "() needs argument " + (i + 1));
    }
    List<Item> v = ev.eval(c.args().get(i), env.resource() == null ? List.of() : List.of(env.resource()), env);
    if (v.size() != 1 || !(v.get(0).primitive() instanceof String s)) {
      throw new FhirPathException(c.name() + "() argument " + (i + 1) + " must be a single string");
    }
    return s;
  }

  private static int intArg(FhirPathEvaluator ev, Expr.Call c, int i, List<Item> input, Env env) {
    if (c.args().size() <= i) {
      throw new FhirPathException(c.name() + "() needs argument " + (i + 1));
    }
    List<Item> v = ev.eval(c.args().get(i), input, env);
    if (v.size() != 1 || !(v.get(0).primitive() instanceof Integer n)) {
      throw new FhirPathException(c.name() + "() argument " + (i + 1) + " must be a single integer");
    }
    return n;
  }

  static BigDecimal round(BigDecimal d, int scale) {
    return d.setScale(scale, RoundingMode.HALF_UP);
  }
}
