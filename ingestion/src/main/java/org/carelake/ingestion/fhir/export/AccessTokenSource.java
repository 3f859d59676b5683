package org.carelake.ingestion.fhir.export;

/** Where the bearer token of a request comes from: nowhere, a static secret, or a SMART token endpoint. */
public interface AccessTokenSource {
  AccessTokenSource NONE = new AccessTokenSource() {
    @Override
    public String authorization() {
      return null;
    }

    @Override
    public boolean rejected(String authorization) {
      return false;
    }

    @Override
    public String describe() {
      return "none";
    }
  };

  /** The Authorization header value for the next request, or null when requests go without one. */
  String authorization();

  /**
   * The server answered 401 to this header value. Returns true when asking again can help (a fresh token will be
   * fetched), false when it cannot (no auth, or a static token).
   */
  boolean rejected(String authorization);

  /** True when a rejected token can be replaced by a fresh one (SMART), so a 401 is worth another try. */
  default boolean refreshable() {
    return false;
  }

  /** What kind of auth this is, for the terminal: never the secret itself. */
  String describe();

  /** The text with any secret this source knows blanked out (servers sometimes echo what they were sent). */
  default String redact(String text) {
    return text;
  }
}
