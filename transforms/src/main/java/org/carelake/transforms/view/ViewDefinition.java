package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.carelake.transforms.fhir.FhirModel;
import org.carelake.transforms.fhirpath.Expr;
import org.carelake.transforms.fhirpath.FhirPathException;
import org.carelake.transforms.fhirpath.FhirPathParser;
import org.carelake.transforms.fhirpath.Item;
import org.carelake.transforms.fhirpath.StaticType;
import org.carelake.transforms.fhirpath.StaticTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed and checked SQL-on-FHIR v2 ViewDefinition. Everything that can be known before reading data is checked
 * here (structure, FHIRPath syntax, constants, column names, unionAll shapes, where-clauses being boolean, columns
 * that would return several values), so that a bad view fails at once with the element and the problem named.
 */
public final class ViewDefinition {

  /** FHIR JSON with decimals kept exact. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private static final Pattern COLUMN_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");

  private final String name;
  private final String resource;
  private final String json;
  private final Map<String, List<Item>> constants;
  private final List<Expr> where;
  private final SelectNode root;
  private final List<ViewColumn> columns;

  private ViewDefinition(String name, String resource, String json, Map<String, List<Item>> constants,
              List<Expr> where, SelectNode root, List<ViewColumn> columns) {
    this.name = name;
    this.resource = resource;
    this.json = json;
    this.constants = constants;
    this.where = where;
    this.root = root;
    this.columns = columns;
  }

  public static ViewDefinition parse(String json) {
    try {
      return parse(JSON.readTree(json), json);
    } catch (IOException e) {
      throw new ViewDefinitionException("not valid JSON: " + e.getMessage());
    }
  }

  public static ViewDefinition parse(JsonNode view) {
    return parse(view, view.toString());
  }

  private static ViewDefinition parse(JsonNode view, String json) {
    if (view == null || !view.isObject()) {
      throw new ViewDefinitionException("a ViewDefinition must be a JSON object");
    }
    FhirModel model = FhirModel.r4();
    JsonNode rt = view.get("resourceType");
    if (rt != null && !"ViewDefinition".equals(rt.asText())) {
      throw new ViewDefinitionException("resourceType must be ViewDefinition, not " + rt.asText());
    }
    String resource = text(view, "resource", "resource");
    if (resource == null) {
      throw new ViewDefinitionException("resource: missing (the FHIR resource type the view reads)");
    }
    if (!model.isResourceType(resource)) {
      throw new ViewDefinitionException("resource: '" + resource + "' is not a FHIR R4 resource type");
    }
    String name = text(view, "name", "name");
    Map<String, List<Item>> constants = new HashMap<>();
    Map<String, String> constantTypes = new HashMap<>();
    JsonNode constantNodes = array(view, "constant", "constant");
    for (int i = 0; i < constantNodes.size(); i++) {
      constant(constantNodes.get(i), "constant[" + i + "]", constants, constantTypes);
    }
    StaticTypes types = new StaticTypes(model, constantTypes);
    StaticType resourceType = StaticType.one(resource);
    List<Expr> where = new ArrayList<>();
    JsonNode whereNodes = array(view, "where", "where");
    for (int i = 0; i < whereNodes.size(); i++) {
      String at = "where[" + i + "].path";
      String path = text(whereNodes.get(i), "path", at);
      if (path == null) {
        throw new ViewDefinitionException(at + ": missing");
      }
      Expr e = fhirPath(path, at);
      StaticType t = typeOf(types, e, resourceType, at);
      if (t.type() != null && !t.type().equals("boolean")) {
        throw new ViewDefinitionException(at + ": '" + path + "' is of type " + t.type()
            + ", but a where clause must be boolean");
      }
      where.add(e);
    }
    JsonNode selects = array(view, "select", "select");
    if (selects.isEmpty()) {
      throw new ViewDefinitionException("select: a view needs at least one select with columns");
    }
    Builder builder = new Builder(types);
    List<SelectNode> children = new ArrayList<>();
    for (int i = 0; i < selects.size(); i++) {
      children.add(builder.select(selects.get(i), "select[" + i + "]", resourceType));
    }
    SelectNode root = new SelectNode(List.of(), children, List.of(), null, false, List.of(), 0, builder.next);
    Set<String> seen = new HashSet<>();
    for (ViewColumn c : builder.columns) {
      if (!seen.add(c.name())) {
        throw new ViewDefinitionException("column name '" + c.name() + "' is used twice in the view");
      }
    }
    return new ViewDefinition(name, resource, json, constants, where, root, List.copyOf(builder.columns));
  }

  /** Assigns row positions in the specification's order and checks each selection structure. */
  private static final class Builder {
    private final StaticTypes types;
    private final List<ViewColumn> columns = new ArrayList<>();
    private int next;

    Builder(StaticTypes types) {
      this.types = types;
    }

    SelectNode select(JsonNode node, String at, StaticType input) {
      if (!node.isObject()) {
        throw new ViewDefinitionException(at + ": must be an object");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!Set.of("column", "select", "unionAll", "forEach", "forEachOrNull", "repeat").contains(f)) {
          throw new ViewDefinitionException(at + "." + f + ": unknown element of a select");
        }
      }
      String forEachPath = text(node, "forEach", at + ".forEach");
      String orNullPath = text(node, "forEachOrNull", at + ".forEachOrNull");
      JsonNode repeatNodes = array(node, "repeat", at + ".repeat");
      if ((forEachPath != null ? 1 : 0) + (orNullPath != null ? 1 : 0) + (repeatNodes.isEmpty() ? 0 : 1) > 1) {
        throw new ViewDefinitionException(at + ": only one of forEach, forEachOrNull and repeat may be given");
      }
      Expr forEach = null;
      StaticType focus = input;
      List<Expr> repeat = new ArrayList<>();
      if (forEachPath != null || orNullPath != null) {
        String where = at + (forEachPath != null ? ".forEach" : ".forEachOrNull");
        forEach = fhirPath(forEachPath != null ? forEachPath : orNullPath, where);
        focus = StaticType.one(typeOf(types, forEach, input, where).type());
      }
      for (int i = 0; i < repeatNodes.size(); i++) {
        String where = at + ".repeat[" + i + "]";
        if (!repeatNodes.get(i).isTextual()) {
          throw new ViewDefinitionException(where + ": must be a FHIRPath string");
        }
        Expr e = fhirPath(repeatNodes.get(i).textValue(), where);
        StaticType t = typeOf(types, e, input, where);
        repeat.add(e);
        focus = StaticType.one(i == 0 ? t.type() : focus.type() != null && focus.type().equals(t.type())
            ? t.type() : null);
      }
      int start = next;
      List<ViewColumn> own = new ArrayList<>();
      JsonNode columnNodes = array(node, "column", at + ".column");
      for (int i = 0; i < columnNodes.size(); i++) {
        own.add(column(columnNodes.get(i), at + ".column[" + i + "]", focus));
      }
      List<SelectNode> selects = new ArrayList<>();
      JsonNode selectNodes = array(node, "select", at + ".select");
      for (int i = 0; i < selectNodes.size(); i++) {
        selects.add(select(selectNodes.get(i), at + ".select[" + i + "]", focus));
      }
      List<SelectNode> unions = new ArrayList<>();
      JsonNode unionNodes = array(node, "unionAll", at + ".unionAll");
      int unionStart = next;
      List<String> firstNames = null;
      for (int i = 0; i < unionNodes.size(); i++) {
        next = unionStart;
        int before = columns.size();
        SelectNode branch = select(unionNodes.get(i), at + ".unionAll[" + i + "]", focus);
        List<String> names = columns.subList(before, columns.size()).stream().map(ViewColumn::name).toList();
        if (firstNames == null) {
          firstNames = List.copyOf(names);
        } else {
          if (!names.equals(firstNames)) {
            throw new ViewDefinitionException(at + ".unionAll[" + i + "]: columns " + names
                + " differ from unionAll[0]'s " + firstNames + " (same names in the same order needed)");
          }
          columns.subList(before, columns.size()).clear();
        }
        unions.add(branch);
      }
      if (own.isEmpty() && selects.isEmpty() && unions.isEmpty()) {
        throw new ViewDefinitionException(at + ": has no column, select or unionAll");
      }
      return new SelectNode(own, selects, unions, forEach, orNullPath != null, repeat, start, next);
    }

    private ViewColumn column(JsonNode node, String at, StaticType focus) {
      if (!node.isObject()) {
        throw new ViewDefinitionException(at + ": must be an object");
      }
      String name = text(node, "name", at + ".name");
      if (name == null || !COLUMN_NAME.matcher(name).matches()) {
        throw new ViewDefinitionException(at + ".name: '" + name + "' is not a valid column name "
            + "(a letter, then letters, digits or _)");
      }
      String path = text(node, "path", at + ".path");
      if (path == null) {
        throw new ViewDefinitionException(at + ".path: missing");
      }
      Expr expr = fhirPath(path, at + ".path");
      StaticType inferred = typeOf(types, expr, focus, at + ".path");
      JsonNode collectionNode = node.get("collection");
      if (collectionNode != null && !collectionNode.isBoolean()) {
        throw new ViewDefinitionException(at + ".collection: must be true or false");
      }
      // A path the model says may repeat is not an error by itself: the specification fails only rows that
      // really carry several values (checked in ViewRows).
      boolean collection = collectionNode != null && collectionNode.booleanValue();
      String declared = text(node, "type", at + ".type");
      String type = declared != null ? bareType(declared) : inferred.type();
      String ansi = null;
      JsonNode tags = array(node, "tag", at + ".tag");
      for (JsonNode tag : tags) {
        if ("ansi/type".equals(tag.path("name").asText())) {
          ansi = tag.path("value").asText();
          ColumnTypes.checkAnsi(ansi, at + ".tag");
        }
      }
      ViewColumn c = new ViewColumn(name, path, expr, type, collection, ansi, text(node, "description", at), next++);
      columns.add(c);
      return c;
    }
  }

  private static void constant(JsonNode node, String at, Map<String, List<Item>> constants,
                 Map<String, String> types) {
    String name = text(node, "name", at + ".name");
    if (name == null) {
      throw new ViewDefinitionException(at + ".name: missing");
    }
    JsonNode value = null;
    String type = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().startsWith("value") && f.getKey().length() > 5) {
        if (value != null) {
          throw new ViewDefinitionException(at + ": constant '" + name + "' has more than one value[x]");
        }
        value = f.getValue();
        String suffix = f.getKey().substring(5);
        type = Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
      }
    }
    if (value == null || !FhirModel.isPrimitive(type) || value.isContainerNode()) {
      throw new ViewDefinitionException(at + ": constant '" + name + "' needs one primitive value[x] "
          + "(valueString, valueInteger, valueDate, ...)");
    }
    constants.put(name, List.of(Item.node(value, type)));
    types.put(name, type);
  }

  private static Expr fhirPath(String path, String at) {
    try {
      return FhirPathParser.parse(path);
    } catch (FhirPathException e) {
      throw new ViewDefinitionException(at + ": " + e.getMessage());
    }
  }

  private static StaticType typeOf(StaticTypes types, Expr e, StaticType input, String at) {
    try {
      return types.infer(e, input);
    } catch (FhirPathException ex) {
      throw new ViewDefinitionException(at + ": " + ex.getMessage());
    }
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ViewDefinitionException(at + ": must be a string, got " + v);
    }
    return v.textValue();
  }

  private static JsonNode array(JsonNode node, String field, String at) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return JSON.createArrayNode();
    }
    if (!v.isArray()) {
      throw new ViewDefinitionException(at + ": must be an array");
    }
    return v;
  }

  /** http://hl7.org/fhirpath/System.String -> string; http://hl7.org/fhir/StructureDefinition/date -> date. */
  static String bareType(String declared) {
    String t = declared.substring(declared.lastIndexOf('/') + 1);
    if (t.startsWith("System.")) {
      t = switch (t) {
        case "System.String" -> "string";
        case "System.Boolean" -> "boolean";
        case "System.Integer" -> "integer";
        case "System.Decimal" -> "decimal";
        case "System.Date" -> "date";
        case "System.DateTime" -> "dateTime";
        case "System.Time" -> "time";
        default -> t.substring(7);
      };
    }
    return t;
  }

  public String name() {
    return name;
  }

  public String resource() {
    return resource;
  }

  /** The view as given, for shipping to executors (which parse it again). */
  public String json() {
    return json;
  }

  public Map<String, List<Item>> constants() {
    return constants;
  }

  public List<Expr> where() {
    return where;
  }

  public SelectNode root() {
    return root;
  }

  /** Output columns in row order. */
  public List<ViewColumn> columns() {
    return columns;
  }

  /** Column name -> FHIR type, for documentation and schema checks. */
  public Map<String, String> columnTypes() {
    Map<String, String> m = new LinkedHashMap<>();
    columns.forEach(c -> m.put(c.name(), c.fhirType()));
    return m;
  }
}
