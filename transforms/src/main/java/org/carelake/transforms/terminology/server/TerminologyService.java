package org.carelake.transforms.terminology.server;

import java.util.Optional;

/** The terminology operations Carelake asks of a server; met by the client itself and by its caching wrapper. */
public interface TerminologyService extends AutoCloseable {
  /**
   * ConceptMap/$translate of {@code code} in {@code system}, through the concept map {@code conceptMapUrl} and into
   * {@code targetSystem} when given (both nullable). Empty when the server answers 404 with result=false, i.e. it
   * has nothing to translate that system with; a 200 with result=false is a translation without an acceptable match.
   */
  Optional<Translation> translate(String system, String code, String conceptMapUrl, String targetSystem);

  /**
   * CodeSystem/$validate-code of {@code code} in {@code system}, or ValueSet/$validate-code for membership of the value
   * set {@code valueSetUrl} when given; {@code display} (nullable) is checked too. An unknown code system that the
   * server reports as 404 with result=false is an ordinary invalid answer.
   */
  CodeValidation validateCode(String system, String code, String display, String valueSetUrl);

  /** ValueSet/$expand of {@code valueSetUrl} (at {@code version} when given), every page. */
  Expansion expand(String valueSetUrl, String version);

  @Override
  void close();
}
