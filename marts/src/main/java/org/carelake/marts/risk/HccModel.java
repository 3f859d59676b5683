package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CMS-HCC engine for one version and table set, built once and then immutable (safe to share across threads and
 * to ship to Spark executors). It follows CMS's SAS: ICD-10-CM to CCs with age/sex edits, only payment HCCs, the
 * hierarchies in CMS order, the segment's demographic cell, originally-disabled, Medicaid and interaction terms, the
 * payment-HCC count (D1..D10P), then raw and adjusted scores. A variable contributes only when the segment has a
 * coefficient for it, which is how the SAS keeps each regression's own variable list.
 */
public final class HccModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] BANDS =
      {"0_34", "35_44", "45_54", "55_59", "60_64", "65_69", "70_74", "75_79", "80_84", "85_89", "90_94", "95_GT"};
  private static final int[] BAND_START = {0, 35, 45, 55, 60, 65, 70, 75, 80, 85, 90, 95};

  private final HccOptions options;
  private final HccTables tables;
  private final Set<Integer> paymentHccs;

  private HccModel(HccOptions options, HccTables tables) {
    this.options = options;
    this.tables = tables;
    Set<Integer> pay = new TreeSet<>();
    for (String name : tables.coefficients().keySet()) {
      if (name.matches("CNA_HCC\\d+")) {
        pay.add(Integer.valueOf(name.substring(7)));
      }
    }
    this.paymentHccs = Set.copyOf(pay);
  }

  public static HccModel load(HccOptions options) {
    return new HccModel(options, HccTableLoader.load(options.version(), options.tableSet(), options.dxYear()));
  }

  public HccOptions options() {
    return options;
  }

  /** CMS's label for an HCC number, or null when the model has no such payment HCC. */
  public String label(int hcc) {
    return tables.labels().get(hcc);
  }

  public HccScore score(PersonRiskInput p) {
    Map<String, List<String>> byDiagnosis = new LinkedHashMap<>();
    Set<Integer> ccs = new TreeSet<>();
    // New enrollees are scored on demographics alone, so their codes are not even mapped.
    List<String> codes = p.segment().usesDiagnoses() ? p.diagnosisCodes() : List.of();
    for (String code : Icd10Codes.normalizeAll(codes)) {
      List<Integer> found = ccsFor(code, p.age(), p.sex());
      if (!found.isEmpty()) {
        ccs.addAll(found);
        byDiagnosis.put(code, found.stream().map(c -> "HCC" + c).toList());
      }
    }
    Set<Integer> hccs = imposeHierarchy(options.version().logic().beforeHierarchy(ccs));
    boolean disabled = p.age() < 65 && !p.orec().equals("0");
    Map<String, Double> components = new LinkedHashMap<>();
    for (String variable : variables(p, hccs, disabled)) {
      Double c = coefficient(p.segment() + "_" + variable);
      if (c != null) {
        components.put(p.segment() + "_" + variable, c);
      }
    }
    double raw = 0;
    for (double c : components.values()) {
      raw += c;
    }
    double adjusted = raw * (1 - options.codingIntensity()) / options.normalization();
    List<String> hccNames = hccs.stream().map(h -> "HCC" + h).toList();
    return new HccScore(options.version(), p.segment(), raw, adjusted, hccNames, byDiagnosis, components);
  }

  /** The code's payment CCs after CMS's age/sex edits (an edit replaces the code's own mapping). */
  private List<Integer> ccsFor(String code, int age, Sex sex) {
    List<Integer> mapped = tables.ccsByCode().getOrDefault(code, List.of());
    for (HccDxEdit e : tables.editsByCode().getOrDefault(code, List.of())) {
      if (e.appliesTo(age, sex)) {
        mapped = e.ccOverride() == null ? List.of() : List.of(e.ccOverride());
        break;
      }
    }
    return mapped.stream().filter(paymentHccs::contains).distinct().sorted().toList();
  }

  /** CMS order: a parent dropped by an earlier rule no longer drops its own children. */
  private Set<Integer> imposeHierarchy(Set<Integer> ccs) {
    Set<Integer> hccs = new TreeSet<>(ccs);
    for (HccHierarchyRule r : tables.hierarchy()) {
      if (hccs.contains(r.parent())) {
        r.children().forEach(hccs::remove);
      }
    }
    return hccs;
  }

  /** Candidate variables without the segment prefix, demographic first, in a stable order. */
  private List<String> variables(PersonRiskInput p, Set<Integer> hccs, boolean disabled) {
    List<String> out = new ArrayList<>();
    boolean origDisabled = p.orec().equals("1") && !disabled;
    switch (p.segment().kind()) {
      case COMMUNITY -> {
        out.add(p.sex().letter() + band(p.age()));
        if (origDisabled) {
          out.add(p.sex() == Sex.FEMALE ? "OriginallyDisabled_Female" : "OriginallyDisabled_Male");
        }
      }
      case INSTITUTIONAL -> {
        out.add(p.sex().letter() + band(p.age()));
        if (p.medicaid()) {
          out.add("LTIMCAID");
        }
        if (origDisabled) {
          out.add("ORIGDS");
        }
      }
      case NEW_ENROLLEE -> {
        boolean neOrigDisabled = p.age() >= 65 && p.orec().equals("1");
        out.add((p.medicaid() ? "MCAID" : "NMCAID") + "_" + (neOrigDisabled ? "ORIGDIS" : "NORIGDIS") + "_NE"
            + p.sex().letter() + newEnrolleeBand(p.age()));
        return out;
      }
      default -> throw new IllegalStateException(p.segment().toString());
    }
    hccs.forEach(h -> out.add("HCC" + h));
    out.addAll(options.version().logic().interactions(hccs, disabled));
    int count = hccs.size();
    if (count > 0) {
      out.add(count >= 10 ? "D10P" : "D" + count);
    }
    return out;
  }

  private Double coefficient(String name) {
    Double c = tables.coefficients().get(name);
    if (c == null) {
      int cut = name.indexOf('_');
      for (String alias : options.version().logic().aliases(name.substring(cut + 1))) {
        c = tables.coefficients().get(name.substring(0, cut + 1) + alias);
        if (c != null) {
          break;
        }
      }
    }
    return c;
  }

  static String band(int age) {
    int i = BAND_START.length - 1;
    while (age < BAND_START[i]) {
      i--;
    }
    return BANDS[i];
  }

  /** New-enrollee cells split 65 to 69 by single year. */
  static String newEnrolleeBand(int age) {
    return age >= 65 && age <= 69 ? Integer.toString(age) : band(age);
  }
}
