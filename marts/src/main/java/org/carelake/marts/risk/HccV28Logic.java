package org.carelake.marts.risk;

import static org.carelake.marts.risk.HccV24Logic.add;
import static org.carelake.marts.risk.HccV24Logic.any;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** V28 heart patch and interaction variables, as in CMS's V2823T2M. */
final class HccV28Logic implements HccVersion.HccVersionLogic {
  private static final String SUFFIX = "_V28";

  /** CMS: CC223 (heart assist device/artificial heart) only counts alongside another heart failure CC. */
  @Override
  public Set<Integer> beforeHierarchy(Set<Integer> ccs) {
    Set<Integer> out = new TreeSet<>(ccs);
    if (out.contains(223) && !any(out, 221, 222, 224, 225, 226)) {
      out.remove(223);
    }
    return out;
  }

  @Override
  public List<String> interactions(Set<Integer> h, boolean disabled) {
    boolean cancer = any(h, 17, 18, 19, 20, 21, 22, 23);
    boolean diabetes = any(h, 35, 36, 37, 38);
    boolean cardRespFail = any(h, 211, 212, 213);
    boolean hf = any(h, 221, 222, 223, 224, 225, 226);
    boolean chronicLung = any(h, 276, 277, 278, 279, 280);
    boolean kidney = any(h, 326, 327, 328, 329);
    boolean substance = any(h, 135, 136, 137, 138, 139);
    boolean psych = any(h, 151, 152, 153, 154, 155);
    boolean neuro = any(h, 180, 181, 182, 190, 191, 192, 195, 196, 198, 199);
    boolean ulcer = any(h, 379, 380, 381, 382);
    List<String> on = new ArrayList<>();
    add(on, diabetes && hf, "DIABETES_HF_V28");
    add(on, hf && chronicLung, "HF_CHR_LUNG_V28");
    add(on, hf && kidney, "HF_KIDNEY_V28");
    add(on, chronicLung && cardRespFail, "CHR_LUNG_CARD_RESP_FAIL_V28");
    add(on, hf && h.contains(238), "HF_HCC238_V28");
    add(on, substance && psych, "gSubUseDisorder_gPsych_V28");
    add(on, disabled && cancer, "DISABLED_CANCER_V28");
    add(on, disabled && neuro, "DISABLED_NEURO_V28");
    add(on, disabled && hf, "DISABLED_HF_V28");
    add(on, disabled && chronicLung, "DISABLED_CHR_LUNG_V28");
    add(on, disabled && ulcer, "DISABLED_ULCER_V28");
    return on;
  }

  @Override
  public List<String> aliases(String variable) {
    return variable.endsWith(SUFFIX) ? List.of(variable.substring(0, variable.length() - SUFFIX.length())) : List.of();
  }
}
