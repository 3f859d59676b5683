package org.carelake.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carelake.synth.Population.Coding;

/**
 * The reference lab's own test dictionary: a local code and a short upper-case name for every test and panel it
 * reports, and whether its interface sends the LOINC beside the local code. A share of tests go out with the local
 * code only, as labs whose LOINC mapping is incomplete do; the ConceptMap still maps them (that is the lab's map to
 * load into terminology).
 */
final class LabCatalog {
  /** One orderable or resultable test. {@code standard} is null for the lab's own order sets. */
  record Test(String localCode, String localName, Coding standard, boolean sendsStandard) {}

  private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
      Map.entry("BLOOD", "BLD"), Map.entry("SERUM", "SER"), Map.entry("PLASMA", "PLAS"), Map.entry("URINE", "UR"),
      Map.entry("AUTOMATED", "AUTO"), Map.entry("COUNT", "CT"), Map.entry("CHOLESTEROL", "CHOL"),
      Map.entry("PRESENCE", "PRES"), Map.entry("VOLUME", "VOL"), Map.entry("DISTRIBUTION", "DIST"),
      Map.entry("PLATELET", "PLT"), Map.entry("PLATELETS", "PLT"), Map.entry("HEMOGLOBIN", "HGB"),
      Map.entry("LEUKOCYTES", "WBC"), Map.entry("ERYTHROCYTES", "RBC"), Map.entry("ERYTHROCYTE", "RBC"),
      Map.entry("STRIP", "STRP"), Map.entry("PANEL", "PNL"), Map.entry("SPECIFIC", "SP"),
      Map.entry("GRAVITY", "GRAV"), Map.entry("PROTEIN", "PROT"), Map.entry("GLUCOSE", "GLU"),
      Map.entry("CREATININE", "CREAT"), Map.entry("POTASSIUM", "K"), Map.entry("SODIUM", "NA"),
      Map.entry("CHLORIDE", "CL"), Map.entry("CALCIUM", "CA"), Map.entry("NITROGEN", "N"),
      Map.entry("DIRECT", "DIR"), Map.entry("MEASUREMENT", "MEAS"), Map.entry("CULTURE", "CULT"));
  private static final Set<String> FILLER = Set.of("IN", "BY", "OF", "OR", "AND", "THE", "ON", "-", "TEST");

  private final SortedMap<String, Test> byKey;
  private final String localSystem;

  private LabCatalog(SortedMap<String, Test> byKey, String localSystem) {
    this.byKey = byKey;
    this.localSystem = localSystem;
  }

  /**
   * A catalog for these tests and panels (standard codings) and order sets (the lab's own groupings, keyed by their
   * member codes). Codes are allocated in sorted order so they are the same on every run.
   */
  static LabCatalog build(SeededHash hash, Collection<Coding> tests, Map<String, String> orderSets,
      double localOnlyShare, String localSystem) {
    SortedMap<String, Coding> standards = new TreeMap<>();
    for (Coding c : tests) {
      standards.put(key(c), c);
    }
    Set<String> localOnly = hash.pick(standards.keySet(), localOnlyShare, "lab-local-only");
    UniqueIds codes = new UniqueIds(hash, "lab-local-code", "", 6);
    SortedMap<String, Test> byKey = new TreeMap<>();
    for (Map.Entry<String, Coding> e : standards.entrySet()) {
      Coding c = e.getValue();
      byKey.put(e.getKey(), new Test(localCode(codes, e.getKey()), localName(c.display() != null ? c.display()
          : c.code()), c, c.code() != null && !localOnly.contains(e.getKey())));
    }
    for (Map.Entry<String, String> set : new TreeMap<>(orderSets).entrySet()) {
      byKey.put(set.getKey(), new Test(localCode(codes, set.getKey()), set.getValue(), null, false));
    }
    return new LabCatalog(byKey, localSystem);
  }

  private static String localCode(UniqueIds codes, String key) {
    return codes.of(key);
  }

  static String key(Coding c) {
    return (c.system() == null ? "" : c.system()) + "|" + (c.code() == null ? c.display() : c.code());
  }

  Test test(Coding c) {
    return byKey.get(key(c));
  }

  Test orderSet(String key) {
    return byKey.get(key);
  }

  Collection<Test> tests() {
    return byKey.values();
  }

  /** OBX-3 / OBR-4: local code^name^L, then the LOINC triplet when this test is sent with it. */
  String identifier(Test t) {
    if (!t.sendsStandard()) {
      return Hl7Text.composite(t.localCode(), t.localName(), "L");
    }
    Coding s = t.standard();
    return Hl7Text.composite(t.localCode(), t.localName(), "L", s.code(), s.display(),
        V2Types.codingSystem(s.system()));
  }

  /**
   * A short LIS-style name: the display without bracketed parts and filler words, upper case, common words
   * abbreviated, at most 30 characters. "Hemoglobin [Mass/volume] in Blood" becomes "HGB BLD".
   */
  static String localName(String display) {
    String s = display.replaceAll("\\[[^\\]]*\\]", " ").replaceAll("\\([^)]*\\)", " ")
        .replaceAll("[^A-Za-z0-9.%/+ -]", " ").toUpperCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String w : s.trim().split("\\s+")) {
      if (!w.isEmpty() && !FILLER.contains(w)) {
        words.add(ABBREVIATIONS.getOrDefault(w, w));
      }
    }
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0 && b.length() + 1 + w.length() > 30) {
        break;
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(w.length() > 30 ? w.substring(0, 30) : w);
    }
    return b.length() == 0 ? "TEST" : b.toString();
  }

  /**
   * The lab's local codes as a FHIR R4 ConceptMap: one group from the local system to each standard system (LOINC),
   * every local code an element; the lab's own order sets have no standard equivalent and are {@code unmatched}.
   */
  ObjectNode conceptMap(ObjectMapper mapper) {
    SortedMap<String, List<Test>> byTarget = new TreeMap<>();
    for (Test t : byKey.values()) {
      String target = t.standard() == null || t.standard().system() == null ? FhirExportReader.LOINC
          : t.standard().system();
      byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(t);
    }
    ObjectNode cm = mapper.createObjectNode();
    cm.put("resourceType", "ConceptMap");
    cm.put("id", "carelake-lab-local-to-loinc");
    cm.put("url", "urn:carelake:lab:conceptmap:local-to-loinc");
    cm.put("name", "CarelakeReferenceLabLocalToLoinc");
    cm.put("title", "Carelake synthetic reference lab: local test codes to LOINC");
    cm.put("status", "active");
    cm.put("experimental", true);
    cm.put("description", "The synthetic reference lab's local test and panel codes (" + localSystem
        + ") mapped to LOINC, including the codes its interface sends without LOINC.");
    ArrayNode groups = cm.putArray("group");
    for (Map.Entry<String, List<Test>> g : byTarget.entrySet()) {
      ObjectNode group = groups.addObject();
      group.put("source", localSystem);
      group.put("target", g.getKey());
      ArrayNode elements = group.putArray("element");
      List<Test> tests = new ArrayList<>(g.getValue());
      tests.sort((a, b) -> a.localCode().compareTo(b.localCode()));
      for (Test t : tests) {
        ObjectNode el = elements.addObject();
        el.put("code", t.localCode());
        el.put("display", t.localName());
        ObjectNode target = el.putArray("target").addObject();
        if (t.standard() == null || t.standard().code() == null) {
          target.put("equivalence", "unmatched");
          target.put("comment", "The lab's own order set; no standard code.");
        } else {
          target.put("code", t.standard().code());
          if (t.standard().display() != null) {
            target.put("display", t.standard().display());
          }
          target.put("equivalence", "equivalent");
        }
      }
    }
    return cm;
  }

  /** Local codes the interface sends without a LOINC, sorted. */
  Set<String> localOnlyCodes() {
    Set<String> out = new TreeSet<>();
    for (Test t : byKey.values()) {
      if (!t.sendsStandard()) {
        out.add(t.localCode());
      }
    }
    return out;
  }
}
