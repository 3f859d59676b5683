package org.carelake.transforms.fhirpath;

import org.carelake.transforms.fhir.ElementDef;
import org.carelake.transforms.fhir.FhirModel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers the type and cardinality of a FHIRPath expression from the FHIR model, so that a ViewDefinition can be
 * checked (where must be boolean, single-valued columns must not repeat, constants must exist) and its columns typed
 * before any data is read.
 */
public final class StaticTypes {

  private static final Set<String> BOOLEAN_FUNCTIONS = Set.of("empty", "exists", "all", "not", "allTrue", "anyTrue",
      "allFalse", "anyFalse", "hasValue", "startsWith", "endsWith", "contains", "matches", "is");
  private static final Set<String> KEEP_TYPE_SINGLE = Set.of("first", "last", "single");
  private static final Set<String> KEEP_TYPE_FILTER = Set.of("where", "tail", "skip", "take", "distinct", "trace",
      "lowBoundary", "highBoundary");
  private static final Set<String> BUILTIN_CONSTANTS = Set.of("rowIndex", "resource", "rootResource", "context",
      "ucum", "sct", "loinc");

  private final FhirModel model;
  private final Map<String, String> constantTypes;

  /** constantTypes: each view constant's FHIR type (valueDate -> date). */
  public StaticTypes(FhirModel model, Map<String, String> constantTypes) {
    this.model = model;
    this.constantTypes = constantTypes;
  }

  public StaticType infer(Expr expr, StaticType input) {
    if (expr instanceof Expr.Literal l) {
      return l.value().isEmpty() ? StaticType.one(null) : StaticType.one(fhirName(l.value().get(0).type()));
    } else if (expr instanceof Expr.Member m) {
      return member(input, m.name());
    } else if (expr instanceof Expr.Path p) {
      return infer(p.right(), infer(p.left(), input));
    } else if (expr instanceof Expr.Call c) {
      return call(c, input);
    } else if (expr instanceof Expr.Index ix) {
      infer(ix.index(), input);
      return StaticType.one(infer(ix.target(), input).type());
    } else if (expr instanceof Expr.Unary u) {
      return StaticType.one(infer(u.operand(), input).type());
    } else if (expr instanceof Expr.Binary b) {
      return binary(b, input);
    } else if (expr instanceof Expr.TypeTest t) {
      infer(t.operand(), input);
      return StaticType.one(t.op().equals("is") ? "boolean" : bare(t.type()));
    } else if (expr instanceof Expr.Variable v) {
      return v.name().equals("this") ? StaticType.one(input.type()) : StaticType.one("integer");
    }
    return external(((Expr.External) expr).name());
  }

  private StaticType external(String name) {
    if (name.equals("rowIndex")) {
      return StaticType.one("integer");
    }
    if (constantTypes.containsKey(name)) {
      return StaticType.one(constantTypes.get(name));
    }
    if (BUILTIN_CONSTANTS.contains(name)) {
      return StaticType.one(null);
    }
    throw new FhirPathException("undefined constant %" + name);
  }

  private StaticType member(StaticType input, String name) {
    String owner = input.type();
    if (owner == null) {
      return StaticType.UNKNOWN;
    }
    ElementDef def = model.element(owner, name);
    if (def == null) {
      return name.equals(owner) ? input : StaticType.UNKNOWN;
    }
    StaticType.Cardinality card = def.repeats() ? StaticType.Cardinality.MANY : input.cardinality();
    return new StaticType(def.isChoice() ? null : def.types().get(0), card);
  }

  private StaticType call(Expr.Call c, StaticType input) {
    String name = c.name();
    List<Expr> args = c.args();
    StaticType elementType = StaticType.one(input.type());
    // Arguments are checked too (undefined constants, bad nested paths), in the element's context.
    StaticType argResult = null;
    for (Expr arg : args) {
      if (!isTypeArgument(name)) {
        StaticType r = infer(arg, elementType);
        argResult = argResult == null ? r : argResult;
      }
    }
    if (BOOLEAN_FUNCTIONS.contains(name)) {
      return StaticType.one("boolean");
    }
    if (KEEP_TYPE_SINGLE.contains(name)) {
      return StaticType.one(input.type());
    }
    if (KEEP_TYPE_FILTER.contains(name)) {
      return input;
    }
    return switch (name) {
      case "count", "length", "indexOf", "toInteger" -> StaticType.one("integer");
      case "join", "toString", "upper", "lower", "trim", "substring", "replace", "replaceMatches",
         "getResourceKey" -> StaticType.one("string");
      case "toDecimal" -> StaticType.one("decimal");
      case "getReferenceKey" -> new StaticType("string", input.cardinality());
      case "ofType" -> new StaticType(bare(Functions.typeName(args.get(0))), input.cardinality());
      case "as" -> StaticType.one(bare(Functions.typeName(args.get(0))));
      case "extension" -> new StaticType("Extension", StaticType.Cardinality.MANY);
      case "select" -> new StaticType(argResult == null ? null : argResult.type(),
          input.many() || argResult != null && argResult.many() ? StaticType.Cardinality.MANY
              : StaticType.Cardinality.UNKNOWN);
      case "iif" -> args.size() > 1 ? infer(args.get(1), input) : StaticType.UNKNOWN;
      case "split", "children", "union", "combine" -> new StaticType(null, StaticType.Cardinality.MANY);
      default -> StaticType.UNKNOWN;
    };
  }

  private static boolean isTypeArgument(String function) {
    return function.equals("ofType") || function.equals("as") || function.equals("is")
        || function.equals("getReferenceKey");
  }

  private StaticType binary(Expr.Binary b, StaticType input) {
    StaticType l = infer(b.left(), input);
    StaticType r = infer(b.right(), input);
    return switch (b.op()) {
      case "|" -> new StaticType(l.type() != null && l.type().equals(r.type()) ? l.type() : null,
          StaticType.Cardinality.MANY);
      case "&" -> StaticType.one("string");
      case "+", "-", "*", "div", "mod" -> StaticType.one(numeric(l.type(), r.type(), b.op()));
      case "/" -> StaticType.one("decimal");
      default -> StaticType.one("boolean");
    };
  }

  private static String numeric(String l, String r, String op) {
    if (l == null || r == null) {
      return null;
    }
    if (op.equals("+") && isString(l) && isString(r)) {
      return "string";
    }
    boolean li = isInteger(l);
    boolean ri = isInteger(r);
    if (li && ri || op.equals("div")) {
      return "integer";
    }
    return (li || l.equals("decimal")) && (ri || r.equals("decimal")) ? "decimal" : null;
  }

  private static boolean isInteger(String t) {
    return t.equals("integer") || t.equals("positiveInt") || t.equals("unsignedInt");
  }

  private static boolean isString(String t) {
    return FhirModel.isPrimitive(t) && !isInteger(t) && !t.equals("decimal") && !t.equals("boolean");
  }

  private static String bare(String type) {
    return type.startsWith("FHIR.") ? type.substring(5) : fhirName(type);
  }

  /** System types as the FHIR primitive a column would hold (System.String -> string). */
  static String fhirName(String type) {
    if (type == null || !type.startsWith("System.")) {
      return type;
    }
    return switch (type) {
      case Item.STRING -> "string";
      case Item.BOOLEAN -> "boolean";
      case Item.INTEGER -> "integer";
      case Item.LONG -> "integer64";
      case Item.DECIMAL -> "decimal";
      case Item.DATE -> "date";
      case Item.DATETIME -> "dateTime";
      case Item.TIME -> "time";
      case Item.QUANTITY -> "Quantity";
      default -> null;
    };
  }
}
