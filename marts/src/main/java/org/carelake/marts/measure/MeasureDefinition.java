package org.carelake.marts.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A measure: its metadata and groups from the official FHIR Measure resource, and its logic as SQL models, one per
 * CQL definition. A group population's criteria expression ("Denominator 1") names the model that computes it
 * ({@code cms138_denominator_1}), so the Measure resource itself wires the SQL into populations.
 */
public record MeasureDefinition(String id, String name, String version, String title, String description,
    String scoring, String improvementNotation, List<Group> groups, List<SqlModel> models) {

  /** A population group: the view computing each population and the Measure's text for it. */
  public record Group(String id, int index, String description, Map<Population, String> criteria,
      Map<Population, String> text) {}

  /** True when a lower rate is better (CMS122: poor control), so being in the numerator is the care gap. */
  public boolean inverse() {
    return "decrease".equals(improvementNotation);
  }

  /** Reads the Measure resource; {@code models} are the measure's SQL models in dependency order. */
  static MeasureDefinition fromMeasureResource(String id, String measureJson, List<SqlModel> models) {
    return fromMeasureResource(id, measureJson, models, null);
  }

  /**
   * As above; {@code improvementOverride} ({@code increase} or {@code decrease}, from the measure folder's
   * {@code measure.properties}) replaces the resource's improvement notation, which decides whether being in the
   * numerator closes a care gap or is one. A resource whose notation contradicts itself (a coding whose code says one
   * direction and whose display the other) is refused without an override: a wrong guess inverts every care gap.
   */
  static MeasureDefinition fromMeasureResource(String id, String measureJson, List<SqlModel> models,
                                               String improvementOverride) {
    JsonNode m;
    try {
      m = new ObjectMapper().readTree(measureJson);
    } catch (IOException e) {
      throw new UncheckedIOException("measure " + id + ": Measure.json is not valid JSON", e);
    }
    List<Group> groups = new ArrayList<>();
    String improvement = code(m.path("improvementNotation"));
    String contradiction = contradiction(m.path("improvementNotation"));
    for (JsonNode g : m.path("group")) {
      Map<Population, String> criteria = new EnumMap<>(Population.class);
      Map<Population, String> text = new EnumMap<>(Population.class);
      for (JsonNode p : g.path("population")) {
        Population pop = Population.fromCode(code(p.path("code")));
        String view = viewName(id, p.path("criteria").path("expression").asText());
        if (models.stream().noneMatch(s -> s.view().equals(view))) {
          throw new IllegalStateException("measure " + id + ": population " + pop.code() + " of group "
              + g.path("id").asText() + " is '" + p.path("criteria").path("expression").asText()
              + "', but no model file " + view.substring(id.length() + 1) + ".sql is listed in its INDEX");
        }
        criteria.put(pop, view);
        text.put(pop, p.path("description").asText(null));
      }
      for (JsonNode e : g.path("extension")) {
        if (e.path("url").asText().endsWith("cqfm-improvementNotation") && improvement == null) {
          improvement = code(e.path("valueCodeableConcept"));
          contradiction = contradiction(e.path("valueCodeableConcept"));
        }
      }
      groups.add(new Group(g.path("id").asText(), groups.size(), g.path("description").asText(null), criteria,
          text));
    }
    if (improvementOverride != null) {
      if (!improvementOverride.equals("increase") && !improvementOverride.equals("decrease")) {
        throw new IllegalStateException("measure " + id + ": improvementNotation in measure.properties is '"
            + improvementOverride + "'; use increase or decrease");
      }
      improvement = improvementOverride;
    } else if (contradiction != null) {
      throw new IllegalStateException("measure " + id + ": the Measure's improvement notation contradicts itself ("
          + contradiction + "); state it in " + id + "/measure.properties as improvementNotation = increase|decrease");
    }
    String scoring = code(m.path("scoring"));
    if (scoring == null) {
      for (JsonNode e : m.path("group").path(0).path("extension")) {
        if (e.path("url").asText().endsWith("cqfm-scoring")) {
          scoring = code(e.path("valueCodeableConcept"));
        }
      }
    }
    return new MeasureDefinition(id, m.path("name").asText(id), m.path("version").asText(null),
        m.path("title").asText(id), m.path("description").asText(null), scoring, improvement, groups, models);
  }

  /** The view of a definition: the measure id and the CQL definition name in snake case. */
  static String viewName(String measureId, String definition) {
    return (measureId + "_" + definition.strip().replaceAll("[^A-Za-z0-9]+", "_")).toLowerCase(Locale.ROOT)
        .replaceAll("_+$", "");
  }

  /** A description of a coding whose code and display name opposite directions, else null. */
  private static String contradiction(JsonNode concept) {
    JsonNode c = concept.path("coding").path(0);
    String code = c.path("code").asText("");
    String display = c.path("display").asText("").toLowerCase(Locale.ROOT);
    boolean opposite = code.equals("decrease") && display.startsWith("increase")
        || code.equals("increase") && display.startsWith("decrease");
    return opposite ? "code '" + code + "', display '" + c.path("display").asText() + "'" : null;
  }

  private static String code(JsonNode concept) {
    JsonNode c = concept.path("coding").path(0).path("code");
    return c.isMissingNode() || c.isNull() ? null : c.asText();
  }
}
