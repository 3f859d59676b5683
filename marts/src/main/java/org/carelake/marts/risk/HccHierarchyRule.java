package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.List;

/** One CMS hierarchy line: when {@code parent} is (still) present, {@code children} are dropped. */
record HccHierarchyRule(int parent, List<Integer> children) implements Serializable {
  HccHierarchyRule {
    children = List.copyOf(children);
  }
}
