package org.carelake.ingestion.fhir.export;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the token source of an export from the environment: secrets are read from variables or the files they name,
 * never from the command line, and never printed.
 *
 * <ul>
 *   <li>{@code token}: {@code CARELAKE_FHIR_TOKEN}, or the file named by {@code CARELAKE_FHIR_TOKEN_FILE}</li>
 *   <li>{@code smart}: {@code CARELAKE_SMART_CLIENT_ID} and {@code CARELAKE_SMART_JWKS_FILE} (private keys), optional
 *       {@code CARELAKE_SMART_KID}, {@code CARELAKE_SMART_SCOPE}, {@code CARELAKE_SMART_TOKEN_URL}</li>
 *   <li>{@code auto}: smart when a client id is set, else token when one is set, else none</li>
 * </ul>
 */
public final class ExportAuth {
  public static final String TOKEN = "CARELAKE_FHIR_TOKEN";
  public static final String TOKEN_FILE = "CARELAKE_FHIR_TOKEN_FILE";
  public static final String CLIENT_ID = "CARELAKE_SMART_CLIENT_ID";
  public static final String JWKS_FILE = "CARELAKE_SMART_JWKS_FILE";
  public static final String KID = "CARELAKE_SMART_KID";
  public static final String SCOPE = "CARELAKE_SMART_SCOPE";
  public static final String TOKEN_URL = "CARELAKE_SMART_TOKEN_URL";
  public static final String DEFAULT_SCOPE = "system/*.read";

  private ExportAuth() {}

  /**
   * @param mode none, token, smart or auto
   * @param scope the SMART scope, or null for $CARELAKE_SMART_SCOPE or the default
   * @param tokenUrl the SMART token endpoint, or null for $CARELAKE_SMART_TOKEN_URL or discovery
   * @param http a client without auth, for the token endpoint
   */
  public static AccessTokenSource fromEnvironment(String mode, URI server, String scope, String tokenUrl,
      Map<String, String> env, BulkHttp http, Clock clock) {
    String m = mode == null ? "auto" : mode.toLowerCase(Locale.ROOT);
    if (m.equals("auto")) {
      m = set(env, CLIENT_ID) ? "smart" : set(env, TOKEN) || set(env, TOKEN_FILE) ? "token" : "none";
    }
    switch (m) {
      case "none":
        return AccessTokenSource.NONE;
      case "token":
        return new StaticToken(secret(env, TOKEN, TOKEN_FILE));
      case "smart":
        String clientId = required(env, CLIENT_ID);
        SmartKeys.SigningKey key = SmartKeys.load(Path.of(required(env, JWKS_FILE)), blankToNull(env.get(KID)));
        String s = scope != null ? scope : set(env, SCOPE) ? env.get(SCOPE).strip() : DEFAULT_SCOPE;
        String t = tokenUrl != null ? tokenUrl : blankToNull(env.get(TOKEN_URL));
        return new SmartBackendAuth(server, t == null ? null : URI.create(t), clientId, s, key, http, clock);
      default:
        throw new IllegalArgumentException("--auth is one of none, token, smart, auto: '" + mode + "'");
    }
  }

  /** A secret from a variable or from the file another variable names; exactly one of them. */
  static String secret(Map<String, String> env, String variable, String fileVariable) {
    if (set(env, variable) && set(env, fileVariable)) {
      throw new IllegalArgumentException("set " + variable + " or " + fileVariable + ", not both");
    }
    if (set(env, variable)) {
      return env.get(variable).strip();
    }
    if (set(env, fileVariable)) {
      Path file = Path.of(env.get(fileVariable).strip());
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + fileVariable + " (" + file + "): " + e.getMessage());
      }
    }
    throw new IllegalArgumentException("--auth token needs " + variable + " or " + fileVariable);
  }

  private static String required(Map<String, String> env, String name) {
    if (!set(env, name)) {
      throw new IllegalArgumentException("--auth smart needs " + name);
    }
    return env.get(name).strip();
  }

  private static boolean set(Map<String, String> env, String name) {
    return env.get(name) != null && !env.get(name).isBlank();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
