package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A CMS-HCC model version: its mapping years, and the model logic that is code rather than data in CMS's SAS. */
public enum HccVersion {
  /** CMS-HCC V24 (86 payment HCCs; SAS V2419P1M). */
  V24(new HccV24Logic(), Map.of(
      "Combined", "F24_AllYearsCombined.TXT", "2019", "F2419P1M.TXT", "2020", "F2420P1M.TXT",
      "2021", "F2421P1M.TXT", "2022", "F2422P1M.TXT")),
  /** CMS-HCC V28, the 2024 model (115 payment HCCs; SAS V2823T2M). */
  V28(new HccV28Logic(), Map.of(
      "Combined", "F2824T1N.TXT", "2024", "F2824T1N.TXT", "2023_FY20FY21", "F2823T2N_FY20FY21.TXT",
      "2023_FY22FY23", "F2823T2N_FY22FY23.TXT"));

  private final HccVersionLogic logic;
  private final Map<String, String> hccpyMappingFiles;

  HccVersion(HccVersionLogic logic, Map<String, String> hccpyMappingFiles) {
    this.logic = logic;
    this.hccpyMappingFiles = hccpyMappingFiles;
  }

  HccVersionLogic logic() {
    return logic;
  }

  /** The hccpy ICD-10 mapping file for a year ("Combined" is hccpy's default). */
  String hccpyMappingFile(String dxYear) {
    String f = hccpyMappingFiles.get(dxYear);
    if (f == null) {
      throw new IllegalArgumentException(this + " has no ICD-10 mapping year " + dxYear + "; known: "
          + hccpyMappingYears());
    }
    return f;
  }

  public Set<String> hccpyMappingYears() {
    return new TreeSet<>(hccpyMappingFiles.keySet());
  }

  /** The model logic CMS keeps in SAS code: the pre-hierarchy patch and the interaction variables. */
  interface HccVersionLogic extends Serializable {
    /** CCs after the edits, adjusted before the hierarchy is imposed (V28's heart patch); returns a new set. */
    Set<Integer> beforeHierarchy(Set<Integer> ccs);

    /** The interaction variables (canonical SAS names) that are 1 for these HCCs, in CMS order. */
    List<String> interactions(Set<Integer> hccs, boolean disabled);

    /** Other spellings of a variable in some coefficient files (hccpy's V28 file drops the _V28 suffix). */
    List<String> aliases(String variable);
  }
}
