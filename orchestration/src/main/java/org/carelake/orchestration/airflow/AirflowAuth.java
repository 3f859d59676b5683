package org.carelake.orchestration.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Credentials for Airflow's API, taken from the environment only so that they never appear in a command line, a
 * shell history or a process list. Nothing here prints a secret: {@link #toString()} names the kind of auth, and
 * {@link #redact} blanks secrets out of any text that is about to be shown.
 */
public final class AirflowAuth {
  public static final String USER = "CARELAKE_AIRFLOW_USER";
  public static final String PASSWORD = "CARELAKE_AIRFLOW_PASSWORD";
  public static final String PASSWORD_FILE = "CARELAKE_AIRFLOW_PASSWORD_FILE";
  public static final String TOKEN = "CARELAKE_AIRFLOW_TOKEN";
  public static final String TOKEN_FILE = "CARELAKE_AIRFLOW_TOKEN_FILE";

  enum Kind { NONE, PASSWORD, TOKEN }

  private final Kind kind;
  private final String user;
  private final String secret;

  private AirflowAuth(Kind kind, String user, String secret) {
    this.kind = kind;
    this.user = user;
    this.secret = secret;
  }

  public static AirflowAuth none() {
    return new AirflowAuth(Kind.NONE, null, null);
  }

  /** Basic auth on API v1; on v2 the pair is exchanged for a JWT at POST /auth/token. */
  public static AirflowAuth password(String user, String password) {
    return new AirflowAuth(Kind.PASSWORD, user, password);
  }

  /** A bearer token, sent as it is (v2: a JWT; v1: whatever the deployment's auth backend accepts). */
  public static AirflowAuth token(String token) {
    return new AirflowAuth(Kind.TOKEN, null, token);
  }

  /**
   * From CARELAKE_AIRFLOW_TOKEN(_FILE), else CARELAKE_AIRFLOW_USER with CARELAKE_AIRFLOW_PASSWORD(_FILE), else none.
   * A _FILE variable wins over the plain one (files keep secrets out of the process environment).
   */
  public static AirflowAuth fromEnvironment(Function<String, String> env) {
    String token = secret(env, TOKEN_FILE, TOKEN);
    if (token != null) {
      return token(token);
    }
    String user = blankToNull(env.apply(USER));
    String password = secret(env, PASSWORD_FILE, PASSWORD);
    if (user == null && password == null) {
      return none();
    }
    if (user == null || password == null) {
      throw new IllegalArgumentException("Airflow credentials: set both " + USER + " and " + PASSWORD_FILE
          + " (or " + PASSWORD + "), or " + TOKEN_FILE + " (or " + TOKEN + ")");
    }
    return password(user, password);
  }

  private static String secret(Function<String, String> env, String fileVar, String valueVar) {
    String file = blankToNull(env.apply(fileVar));
    if (file != null) {
      try {
        // Files usually end with a newline that is no part of the secret.
        return blankToNull(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(fileVar + ": cannot read " + file + " (" + e.getClass().getSimpleName()
            + ")");
      }
    }
    return blankToNull(env.apply(valueVar));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  Kind kind() {
    return kind;
  }

  String user() {
    return user;
  }

  String secret() {
    return secret;
  }

  /** The Authorization header for a request when no token exchange is needed. */
  String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** The text with every form of this secret (and any extra ones, e.g. an issued token) replaced by ***. */
  String redact(String text, List<String> extra) {
    if (text == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>(extra);
    if (secret != null) {
      secrets.add(secret);
      if (kind == Kind.PASSWORD) {
        secrets.add(basicHeader().substring("Basic ".length()));
      }
    }
    String out = text;
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        out = out.replace(s, "***");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "no credentials";
      case PASSWORD -> "user " + user;
      case TOKEN -> "a bearer token";
    };
  }
}
