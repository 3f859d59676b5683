package org.carelake.marts.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** V24 interaction variables, as in CMS's V2419P1M (community and institutional). */
final class HccV24Logic implements HccVersion.HccVersionLogic {

  @Override
  public Set<Integer> beforeHierarchy(Set<Integer> ccs) {
    return new TreeSet<>(ccs);
  }

  @Override
  public List<String> interactions(Set<Integer> h, boolean disabled) {
    boolean cancer = any(h, 8, 9, 10, 11, 12);
    boolean diabetes = any(h, 17, 18, 19);
    boolean cardRespFail = any(h, 82, 83, 84);
    boolean chf = h.contains(85);
    boolean copd = any(h, 110, 111, 112);
    boolean renal = any(h, 134, 135, 136, 137, 138);
    boolean sepsis = h.contains(2);
    boolean substance = any(h, 54, 55, 56);
    boolean psych = any(h, 57, 58, 59, 60);
    boolean pressureUlcer = any(h, 157, 158, 159);
    boolean artOpenings = h.contains(188);
    boolean aspPneum = h.contains(114);
    boolean schizophrenia = h.contains(57);
    List<String> on = new ArrayList<>();
    add(on, h.contains(47) && cancer, "HCC47_gCancer");
    add(on, diabetes && chf, "DIABETES_CHF");
    add(on, chf && copd, "CHF_gCopdCF");
    add(on, chf && renal, "HCC85_gRenal_V24");
    add(on, copd && cardRespFail, "gCopdCF_CARD_RESP_FAIL");
    add(on, chf && h.contains(96), "HCC85_HCC96");
    add(on, substance && psych, "gSubstanceUseDisorder_gPsych");
    add(on, sepsis && pressureUlcer, "SEPSIS_PRESSURE_ULCER");
    add(on, sepsis && artOpenings, "SEPSIS_ARTIF_OPENINGS");
    add(on, artOpenings && pressureUlcer, "ART_OPENINGS_PRESS_ULCER");
    add(on, copd && aspPneum, "gCopdCF_ASP_SPEC_B_PNEUM");
    add(on, aspPneum && pressureUlcer, "ASP_SPEC_B_PNEUM_PRES_ULC");
    add(on, sepsis && aspPneum, "SEPSIS_ASP_SPEC_BACT_PNEUM");
    add(on, schizophrenia && copd, "SCHIZOPHRENIA_gCopdCF");
    add(on, schizophrenia && chf, "SCHIZOPHRENIA_CHF");
    add(on, schizophrenia && h.contains(79), "SCHIZOPHRENIA_SEIZURES");
    add(on, disabled && chf, "DISABLED_HCC85");
    add(on, disabled && pressureUlcer, "DISABLED_PRESSURE_ULCER");
    add(on, disabled && h.contains(161), "DISABLED_HCC161");
    add(on, disabled && h.contains(39), "DISABLED_HCC39");
    add(on, disabled && h.contains(77), "DISABLED_HCC77");
    add(on, disabled && h.contains(6), "DISABLED_HCC6");
    return on;
  }

  @Override
  public List<String> aliases(String variable) {
    return List.of();
  }

  static boolean any(Set<Integer> hccs, int... candidates) {
    for (int c : candidates) {
      if (hccs.contains(c)) {
        return true;
      }
    }
    return false;
  }

  static void add(List<String> on, boolean active, String name) {
    if (active) {
      on.add(name);
    }
  }
}
