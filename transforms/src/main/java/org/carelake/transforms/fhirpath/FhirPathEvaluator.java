package org.carelake.transforms.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import org.carelake.transforms.fhir.ElementDef;
import org.carelake.transforms.fhir.FhirModel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Evaluates a parsed FHIRPath expression over FHIR JSON, the FHIR model supplying element types. */
public final class FhirPathEvaluator {

  private final FhirModel model;

  public FhirPathEvaluator(FhirModel model) {
    this.model = model;
  }

  public FhirModel model() {
    return model;
  }

  public List<Item> eval(Expr expr, List<Item> input, Env env) {
    if (expr instanceof Expr.Path p) {
      return eval(p.right(), eval(p.left(), input, env), env);
    } else if (expr instanceof Expr.Member m) {
      return member(input, m.name());
    } else if (expr instanceof Expr.Call c) {
      return Functions.call(this, c, input, env);
    } else if (expr instanceof Expr.Literal l) {
      return l.value();
    } else if (expr instanceof Expr.Binary b) {
      return Operators.binary(this, b, input, env);
    } else if (expr instanceof Expr.Index ix) {
      return index(eval(ix.target(), input, env), eval(ix.index(), input, env));
    } else if (expr instanceof Expr.Unary u) {
      return negate(eval(u.operand(), input, env));
    } else if (expr instanceof Expr.TypeTest t) {
      return typeTest(t, eval(t.operand(), input, env));
    } else if (expr instanceof Expr.Variable v) {
      return switch (v.name()) {
        case "this" -> env.thisItem() != null ? List.of(env.thisItem()) : input;
        case "index" -> List.of(Item.of(env.index()));
        default -> throw new FhirPathException("$" + v.name() + " is only defined inside aggregate()");
      };
    }
    return external(((Expr.External) expr).name(), env);
  }

  private List<Item> external(String name, Env env) {
    switch (name) {
      case "rowIndex":
        return List.of(Item.of(env.rowIndex()));
      case "resource", "rootResource", "context":
        return env.resource() == null ? List.of() : List.of(env.resource());
      case "ucum":
        return List.of(Item.of("http://unitsofmeasure.org"));
      case "sct":
        return List.of(Item.of("http://snomed.info/sct"));
      case "loinc":
        return List.of(Item.of("http://loinc.org"));
      default:
        List<Item> value = env.constants() == null ? null : env.constants().get(name);
        if (value == null) {
          throw new FhirPathException("undefined constant %" + name);
        }
        return value;
    }
  }

  /** Child navigation: the element's values (arrays flattened), choice elements resolved by their JSON name. */
  List<Item> member(List<Item> input, String name) {
    List<Item> out = new ArrayList<>();
    for (Item item : input) {
      JsonNode node = item.json();
      if (node == null || !node.isObject()) {
        continue;
      }
      String type = item.type();
      ElementDef def = model.element(type, name);
      if (def != null) {
        if (def.isChoice()) {
          for (String t : def.types()) {
            JsonNode child = node.get(def.jsonName(t));
            if (child != null) {
              add(out, child, t);
              break;
            }
          }
        } else {
          JsonNode child = node.get(name);
          if (child != null) {
            add(out, child, def.types().get(0));
          }
        }
        continue;
      }
      JsonNode child = node.get(name);
      if (child != null) {
        add(out, child, name.equals("extension") || name.equals("modifierExtension") ? "Extension" : null);
      } else if (name.equals(resourceType(node)) && model.isResourceType(name)) {
        out.add(item);
      } else if (type == null || !model.isKnownType(type)) {
        unknownChoice(out, node, name);
      }
    }
    return out;
  }

  /** Without a model type, value[x] is any property named value + a type name (valueQuantity, valueString...). */
  private void unknownChoice(List<Item> out, JsonNode node, String name) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      if (key.length() > name.length() && key.startsWith(name)
          && Character.isUpperCase(key.charAt(name.length()))) {
        String suffix = key.substring(name.length());
        String t = Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
        String type = FhirModel.isPrimitive(t) ? t : model.isKnownType(suffix) ? suffix : null;
        if (type != null) {
          add(out, f.getValue(), type);
          return;
        }
      }
    }
  }

  private void add(List<Item> out, JsonNode child, String type) {
    if (child.isArray()) {
      for (JsonNode c : child) {
        if (!c.isNull()) {
          out.add(Item.node(c, typeOf(c, type)));
        }
      }
    } else if (!child.isNull()) {
      out.add(Item.node(child, typeOf(child, type)));
    }
  }

  private String typeOf(JsonNode node, String declared) {
    if (declared == null || declared.equals("Resource")) {
      String rt = resourceType(node);
      return rt != null ? rt : declared;
    }
    return declared;
  }

  static String resourceType(JsonNode node) {
    JsonNode rt = node.get("resourceType");
    return rt != null && rt.isTextual() ? rt.textValue() : null;
  }

  public static Item root(JsonNode resource) {
    return Item.node(resource, resourceType(resource));
  }

  private List<Item> index(List<Item> target, List<Item> index) {
    if (index.isEmpty()) {
      return List.of();
    }
    Object i = index.get(0).primitive();
    if (!(i instanceof Integer n)) {
      throw new FhirPathException("an indexer needs an integer, got " + i);
    }
    return n >= 0 && n < target.size() ? List.of(target.get(n)) : List.of();
  }

  private List<Item> negate(List<Item> operand) {
    if (operand.isEmpty()) {
      return operand;
    }
    Object v = single(operand, "unary -").primitive();
    if (v instanceof Integer i) {
      return List.of(Item.of(-i));
    } else if (v instanceof Long l) {
      return List.of(Item.of(-l));
    } else if (v instanceof BigDecimal d) {
      return List.of(Item.of(d.negate()));
    } else if (v instanceof Quantity q) {
      return List.of(Item.of(new Quantity(q.value().negate(), q.unit())));
    }
    throw new FhirPathException("unary - needs a number, got " + v);
  }

  private List<Item> typeTest(Expr.TypeTest t, List<Item> operand) {
    if (operand.isEmpty()) {
      return operand;
    }
    if (operand.size() > 1) {
      throw new FhirPathException("'" + t.op() + "' needs a single item, got " + operand.size());
    }
    boolean matches = isType(operand.get(0), t.type());
    if (t.op().equals("is")) {
      return List.of(Item.of(matches));
    }
    return matches ? operand : List.of();
  }

  /** True if the item is of the named type (FHIR.x, System.x or a bare name). */
  boolean isType(Item item, String typeName) {
    String name = typeName.startsWith("FHIR.") ? typeName.substring(5) : typeName;
    String type = item.type();
    if (name.startsWith("System.")) {
      return name.equals(item.systemType()) && (type == null || type.startsWith("System."));
    }
    if (type == null) {
      return false;
    }
    if (type.equals(name)) {
      return true;
    }
    if (type.startsWith("System.")) {
      return type.substring(7).equals(name);
    }
    // Quantity specializations and the abstract resource types.
    return name.equals("Quantity") && Item.isQuantityType(type)
        || (name.equals("Resource") || name.equals("DomainResource")) && model.isResourceType(type);
  }

  static Item single(List<Item> items, String what) {
    if (items.size() != 1) {
      throw new FhirPathException(what + " needs a single item, got " + items.size());
    }
    return items.get(0);
  }

  static BigDecimal decimal(Object v) {
    if (v instanceof Integer i) {
      return BigDecimal.valueOf(i);
    }
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    return (BigDecimal) v;
  }

  static BigDecimal divide(BigDecimal a, BigDecimal b) {
    return a.divide(b, MathContext.DECIMAL128).setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
