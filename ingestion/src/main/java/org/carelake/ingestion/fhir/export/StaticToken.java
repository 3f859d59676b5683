package org.carelake.ingestion.fhir.export;

/** A bearer token given once (from the environment or a file); it cannot be refreshed. */
final class StaticToken implements AccessTokenSource {
  private final String token;

  StaticToken(String token) {
    if (token == null || token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("the bearer token is empty or has spaces or control characters");
    }
    this.token = token;
  }

  @Override
  public String authorization() {
    return "Bearer " + token;
  }

  @Override
  public boolean rejected(String authorization) {
    return false;
  }

  @Override
  public String describe() {
    return "static bearer token";
  }

  @Override
  public String redact(String text) {
    return text == null ? null : text.replace(token, "<redacted>");
  }

  @Override
  public String toString() {
    return describe();
  }
}
