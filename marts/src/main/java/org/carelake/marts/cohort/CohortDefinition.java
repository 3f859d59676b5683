package org.carelake.marts.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cohort as data: who belongs is decided by named criteria, SQL conditions over the cohort_person features, all
 * of which (match "all") or any of which (match "any") must hold. The names that held are the member's reason.
 */
public record CohortDefinition(String id, String title, String description, boolean matchAll,
    List<Criterion> criteria) {

  /** One named condition. */
  public record Criterion(String name, String sql) {}

  public CohortDefinition {
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("cohort id '" + id + "' must be lower-case letters, digits and dashes");
    }
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("cohort " + id + " has no criteria");
    }
  }

  public static CohortDefinition parse(String file, String json) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("cohort file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    String match = n.path("match").asText("all");
    if (!match.equals("all") && !match.equals("any")) {
      throw new IllegalArgumentException("cohort file " + file + ": match must be 'all' or 'any', not '" + match + "'");
    }
    List<Criterion> criteria = new ArrayList<>();
    for (JsonNode c : n.path("criteria")) {
      if (!c.hasNonNull("name") || !c.hasNonNull("sql")) {
        throw new IllegalArgumentException("cohort file " + file + ": every criterion needs a name and sql");
      }
      criteria.add(new Criterion(c.get("name").asText(), c.get("sql").asText()));
    }
    if (!n.hasNonNull("id")) {
      throw new IllegalArgumentException("cohort file " + file + " has no id");
    }
    return new CohortDefinition(n.get("id").asText(), n.path("title").asText(n.get("id").asText()),
        n.path("description").asText(null), match.equals("all"), criteria);
  }

  /** The members' query over cohort_person: person_id and the names of the criteria that held. */
  public String membersSql() {
    String held = criteria.stream()
        .map(c -> "IF(coalesce((" + c.sql() + "), false), '" + c.name().replace("'", "''") + "', NULL)")
        .collect(Collectors.joining(", "));
    String where = criteria.stream().map(c -> "coalesce((" + c.sql() + "), false)")
        .collect(Collectors.joining(matchAll ? " AND " : " OR "));
    return "SELECT '" + id + "' AS cohort_id, person_id, concat_ws('; ', filter(array(" + held
        + "), x -> x IS NOT NULL)) AS reason FROM cohort_person WHERE " + where;
  }
}
