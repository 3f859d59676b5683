package org.carelake.transforms.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical URI for each way feeds name a code system, and what Carelake knows of each system; the table is
 * {@code code-systems.csv} beside this class, plus any aliases a deployment adds.
 *
 * <p>{@link #canonical} resolves, in order: a listed URI, OID (bare or urn:oid:, the prefix in any case) or HL7 v2
 * name (case, spaces, '-' and '_' ignored); {@code urn:id:<name>}, the form Carelake's HL7 v2 mapper gives names it
 * does not know, as that v2 name; {@code HL7nnnn} and the v2 table OIDs 2.16.840.1.113883.12.nnnn as HL7
 * Terminology's {@code v2-nnnn} code system; another OID as {@code urn:oid:<oid>}. Anything else, including local
 * systems, comes back as it is (stripped).
 *
 * <p>Standard: the systems marked so in the table, and the code systems of HL7 Terminology
 * ({@code http://terminology.hl7.org/CodeSystem/...}) and of FHIR itself ({@code http://hl7.org/fhir/...}, except
 * the external systems under {@code http://hl7.org/fhir/sid/}, which are standard only when listed). Unlisted OIDs,
 * HL7 v3 ones included, are not standard: their URI cannot be derived, so they go through concept maps until an
 * alias names them.
 *
 * <p>Local: the v2 names L, LOCAL and 99xxx, and any {@code urn:id:<name>} that does not resolve to a known system
 * (the mapper writes the sender's own names so; they claim no standard).
 */
public final class CodeSystemRegistry implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String RESOURCE = "code-systems.csv";
  private static final List<String> COLUMNS = List.of("uri", "name", "standard", "validator", "aliases");
  private static final String THO = "http://terminology.hl7.org/CodeSystem/";
  private static final String FHIR = "http://hl7.org/fhir/";
  private static final String FHIR_SID = "http://hl7.org/fhir/sid/";
  private static final String V2_TABLE_OID = "2.16.840.1.113883.12.";
  private static final String URN_ID = "urn:id:";

  /** As written -> canonical URI: the fast path for the systems rows usually carry. */
  private final Map<String, String> exact;
  /** {@link #key} of an alias -> canonical URI. */
  private final Map<String, String> byKey;
  private final Map<String, CodeSystemInfo> infos;
  private final Map<String, CodeSystemAlias> rows;

  private CodeSystemRegistry(Map<String, String> exact, Map<String, String> byKey, Map<String, CodeSystemInfo> infos,
      Map<String, CodeSystemAlias> rows) {
    this.exact = exact;
    this.byKey = byKey;
    this.infos = infos;
    this.rows = rows;
  }

  private static final class Defaults {
    static final CodeSystemRegistry INSTANCE = load();
  }

  /** The registry of code-systems.csv (one shared instance). */
  public static CodeSystemRegistry defaults() {
    return Defaults.INSTANCE;
  }

  private static CodeSystemRegistry load() {
    String text;
    try (InputStream in = CodeSystemRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE + " beside "
            + CodeSystemRegistry.class.getName());
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    List<Csv.Row> table = Csv.parse(RESOURCE, text, ',', true);
    if (table.isEmpty() || !table.get(0).cells().equals(COLUMNS)) {
      throw new IllegalStateException(RESOURCE + ": expected the header " + String.join(",", COLUMNS));
    }
    CodeSystemRegistry r = new CodeSystemRegistry(new HashMap<>(), new HashMap<>(), new LinkedHashMap<>(),
        new LinkedHashMap<>());
    for (Csv.Row row : table.subList(1, table.size())) {
      List<String> c = row.cells();
      String where = RESOURCE + " line " + row.line() + ": ";
      if (c.size() != COLUMNS.size()) {
        throw new IllegalStateException(where + c.size() + " fields, expected " + COLUMNS.size());
      }
      String uri = c.get(0).strip();
      String standard = c.get(2).strip();
      if (!standard.equals("true") && !standard.equals("false")) {
        throw new IllegalStateException(where + "standard must be true or false, not '" + standard + "'");
      }
      String validator = c.get(3).strip();
      try {
        Validators.forName(validator);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + e.getMessage(), e);
      }
      if (r.infos.put(uri, new CodeSystemInfo(uri, c.get(1).strip(), Boolean.parseBoolean(standard), validator))
          != null) {
        throw new IllegalStateException(where + uri + " is listed twice");
      }
      r.add(uri, uri, where);
      for (String alias : c.get(4).split("\\|")) {
        if (!alias.isBlank()) {
          r.add(alias.strip(), uri, where);
        }
      }
    }
    return r.frozen();
  }

  /** Maps the alias (and, for an OID, both of its forms) to the URI; a clash within the table is a data error. */
  private void add(String alias, String uri, String whereInTable) {
    String previous = byKey.put(key(alias), uri);
    if (whereInTable != null && previous != null && !previous.equals(uri)) {
      throw new IllegalStateException(whereInTable + alias + " already stands for " + previous);
    }
    String oid = Oids.of(alias);
    List<String> forms = oid == null ? List.of(alias) : List.of(oid, Oids.urn(oid));
    for (String form : forms) {
      exact.put(form, uri);
      CodeSystemAlias row = new CodeSystemAlias(form, uri);
      rows.put(key(form) + " " + row.kind(), row);
    }
  }

  private CodeSystemRegistry frozen() {
    return new CodeSystemRegistry(Collections.unmodifiableMap(exact), Collections.unmodifiableMap(byKey),
        Collections.unmodifiableMap(infos), Collections.unmodifiableMap(rows));
  }

  /**
   * This registry plus a deployment's own aliases, which win over the table's. The target of an alias may itself be
   * an alias (e.g. an OID); it is resolved to its canonical URI first.
   */
  public CodeSystemRegistry withAliases(List<CodeSystemAlias> aliases) {
    CodeSystemRegistry r = new CodeSystemRegistry(new HashMap<>(exact), new HashMap<>(byKey), infos,
        new LinkedHashMap<>(rows));
    for (CodeSystemAlias a : aliases) {
      String target = canonical(a.uri());
      // the table's spellings of the same alias ("LN" for "ln") must not win on the exact path
      String aliasKey = key(a.alias());
      r.exact.keySet().removeIf(k -> key(k).equals(aliasKey));
      r.add(a.alias(), target, null);
    }
    return r.frozen();
  }

  /**
   * The canonical URI of a code system as a coding names it (see the class comment); null for null or blank.
   * Unknown systems come back stripped but otherwise unchanged, except that a bare OID gains its urn:oid: prefix.
   */
  public String canonical(String system) {
    if (system == null) {
      return null;
    }
    String known = exact.get(system);
    if (known != null) {
      return known;
    }
    String s = system.strip();
    if (s.isEmpty()) {
      return null;
    }
    known = byKey.get(key(s));
    if (known != null) {
      return known;
    }
    if (s.regionMatches(true, 0, URN_ID, 0, URN_ID.length())) {
      String name = s.substring(URN_ID.length());
      if (!name.isEmpty() && name.indexOf(':') < 0) {
        known = byKey.get("v2:" + v2Name(name));
        if (known != null) {
          return known;
        }
        String table = v2Table(name);
        if (table != null) {
          return table;
        }
      }
      return s;
    }
    String oid = Oids.of(s);
    if (oid != null) {
      String arc = oid.startsWith(V2_TABLE_OID) ? oid.substring(V2_TABLE_OID.length()) : "";
      if (!arc.isEmpty() && arc.length() <= 4 && Codes.isDigits(arc)) {
        return THO + "v2-" + "0".repeat(4 - arc.length()) + arc;
      }
      return Oids.urn(oid);
    }
    if (s.indexOf(':') < 0) {
      String table = v2Table(s);
      if (table != null) {
        return table;
      }
    }
    return s;
  }

  /**
   * What is known of a code system, given in any form {@link #canonical} accepts; null for null or blank. Systems not
   * in the table are standard by the HL7 Terminology and FHIR rules of the class comment, and otherwise not
   * standard; none of them has a validator.
   */
  public CodeSystemInfo info(String system) {
    String uri = canonical(system);
    if (uri == null) {
      return null;
    }
    CodeSystemInfo known = infos.get(uri);
    if (known != null) {
      return known;
    }
    if (isLocal(uri)) {
      return new CodeSystemInfo(uri, "local", false, Validators.NONE);
    }
    if (uri.startsWith(THO) || uri.startsWith(FHIR) && !uri.startsWith(FHIR_SID)) {
      String name = uri.substring(uri.lastIndexOf('/') + 1);
      return new CodeSystemInfo(uri, name.isEmpty() ? null : name, true, Validators.NONE);
    }
    return new CodeSystemInfo(uri, null, false, Validators.NONE);
  }

  /**
   * True for a local code system: v2 names L, LOCAL and 99xxx (any case) and {@code urn:id:<name>} systems that do
   * not resolve to a known one. An alias that maps such a name to a real system makes it not local.
   */
  public boolean isLocal(String system) {
    if (system == null) {
      return false;
    }
    String s = system.strip();
    if (s.isEmpty() || !s.equals(canonical(s))) {
      return false;
    }
    if (s.regionMatches(true, 0, URN_ID, 0, URN_ID.length())) {
      return true;
    }
    if (s.indexOf(':') >= 0) {
      return false;
    }
    String n = v2Name(s);
    return n.equals("L") || n.equals("LOCAL") || n.startsWith("99");
  }

  /**
   * Every alias with its canonical URI, for {@code ref.code_system_alias}: each canonical URI as an alias of itself,
   * each OID in both its bare and urn:oid: forms, v2 names as the table writes them; the deployment's aliases last.
   * The alias_kind is {@link CodeSystemAlias#kind()}, the name and standard flag are {@code info(row.uri())}.
   */
  public List<CodeSystemAlias> aliasRows() {
    return List.copyOf(rows.values());
  }

  /** The code systems of the table, in its order. */
  public List<CodeSystemInfo> systems() {
    return List.copyOf(infos.values());
  }

  private static String key(String s) {
    String oid = Oids.of(s);
    if (oid != null) {
      return "oid:" + oid;
    }
    return s.indexOf(':') >= 0 ? "uri:" + s : "v2:" + v2Name(s);
  }

  /** A v2 coding system name compared as HL7 v2 mapper does: upper case, without blanks, '-' and '_'. */
  private static String v2Name(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '_' && !Character.isWhitespace(c)) {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }

  /** HL7nnnn -> the HL7 Terminology code system of v2 table nnnn, else null. */
  private static String v2Table(String name) {
    String n = v2Name(name);
    if (n.length() == 7 && n.startsWith("HL7") && Codes.isDigits(n.substring(3))) {
      return THO + "v2-" + n.substring(3);
    }
    return null;
  }
}
