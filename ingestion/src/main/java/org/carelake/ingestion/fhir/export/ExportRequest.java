package org.carelake.ingestion.fhir.export;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to export: server, scope (system, patient or group), resource types, type filters, and the {@code _since}
 * instant (null for everything).
 */
public record ExportRequest(String server, ExportScope scope, String groupId, List<String> types,
    List<String> typeFilters, String since) {
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]+");
  private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  public ExportRequest {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(scope, "scope");
    server = normalize(server);
    types = types == null ? List.of() : types.stream().map(String::strip).filter(t -> !t.isEmpty()).sorted()
        .distinct().toList();
    typeFilters = typeFilters == null ? List.of() : List.copyOf(typeFilters);
    for (String t : types) {
      if (!TYPE.matcher(t).matches()) {
        throw new IllegalArgumentException("--type takes FHIR resource type names such as Patient: '" + t + "'");
      }
    }
    if ((scope == ExportScope.GROUP) != (groupId != null)) {
      throw new IllegalArgumentException("a group export needs a group id, and only a group export takes one");
    }
    if (groupId != null && !GROUP_ID.matcher(groupId).matches()) {
      throw new IllegalArgumentException("--group takes a FHIR id (letters, digits, '-', '.'): '" + groupId + "'");
    }
    if (since != null) {
      checkInstant(since);
    }
  }

  /** Same request with another {@code _since}. */
  public ExportRequest withSince(String instant) {
    return new ExportRequest(server, scope, groupId, types, typeFilters, instant);
  }

  /** The kick-off URL with its parameters. */
  public URI kickOffUri() {
    String path = switch (scope) {
      case SYSTEM -> "/$export";
      case PATIENT -> "/Patient/$export";
      case GROUP -> "/Group/" + groupId + "/$export";
    };
    List<String> params = new ArrayList<>();
    if (!types.isEmpty()) {
      params.add("_type=" + encode(String.join(",", types)));
    }
    if (since != null) {
      params.add("_since=" + encode(since));
    }
    for (String f : typeFilters) {
      params.add("_typeFilter=" + encode(f));
    }
    return URI.create(server + path + (params.isEmpty() ? "" : "?" + String.join("&", params)));
  }

  /** What must match for two exports to continue each other (everything but {@code _since}). */
  public String key() {
    return String.join("|", server, scope.code(), groupId == null ? "" : groupId, String.join(",", types),
        String.join("\u0001", typeFilters));
  }

  public String describe() {
    return scope.code() + (groupId == null ? "" : " " + groupId) + " export from " + server
        + (types.isEmpty() ? "" : ", types " + String.join(",", types))
        + (typeFilters.isEmpty() ? "" : ", " + typeFilters.size() + " type filter(s)")
        + (since == null ? "" : ", since " + since);
  }

  /** A FHIR instant: date, time and zone (the server compares it with lastUpdated). */
  public static String checkInstant(String value) {
    try {
      OffsetDateTime.parse(value);
      return value;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since takes a FHIR instant with a time zone, such as "
          + "2026-01-01T00:00:00Z, or 'auto': '" + value + "'");
    }
  }

  private static String normalize(String server) {
    URI u;
    try {
      u = URI.create(server.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server is not a URL: '" + server + "'");
    }
    String scheme = u.getScheme();
    if (scheme == null || !scheme.matches("(?i)https?") || u.getHost() == null) {
      throw new IllegalArgumentException("--server must be an absolute http(s) URL (the FHIR base): '" + server + "'");
    }
    // Credentials in the URL would end up in messages and the ledger; tokens come from the environment.
    if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("--server must not carry user info, a query or a fragment");
    }
    return u.toString().replaceAll("/+$", "");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
