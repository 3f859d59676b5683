package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * Checks that a code is well formed for one code system (shape, check digit) and gives its normalized form. Only the
 * form is checked, not that the code exists in a release: Carelake does not ship the code systems themselves.
 * Implementations are stateless and shipped to Spark executors.
 */
public interface CodeValidator extends Serializable {
  Validation validate(String code);
}
