package org.carelake.transforms.view;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a builder adds beside a view's coded elements and quantities (terminology conformance): implemented outside
 * the view engine, called once per row while the view runs, so it must be cheap (local lookups, no remote calls).
 */
public interface Conformance extends Serializable {

  /**
   * The standard coding for an element's codings (each {system, code, display}, as received) from one source:
   * {system, code, display, status, reason}; null when no coding has a code.
   */
  String[] conform(String source, List<String[]> codings);

  /**
   * A quantity in the canonical unit of its LOINC code: {value (BigDecimal), unit}; null when there is no value or
   * it cannot be converted.
   */
  Object[] canonical(String loinc, BigDecimal value, String unitCode, String unit);
}
