package org.carelake.transforms.terminology.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of a FHIR R4 terminology server (tx.fhir.org, Ontoserver, Snowstorm, HAPI, ...) for the codes Carelake
 * cannot resolve from its reference tables. Off unless configured; callers store what it returns in the reference
 * tables (see {@link CachingTerminologyClient}) so builds never call the server per row. Thread-safe.
 */
public final class TerminologyServerClient implements TerminologyService {
  /** Codes asked for per $expand page; servers may send fewer, and paging follows what they sent. */
  static final int PAGE_SIZE = 1000;
  /** Stops a server that keeps sending pages from looping forever. */
  private static final int MAX_PAGES = 10_000;
  private static final String TRANSLATE = "$translate";
  private static final String VALIDATE_CODE = "$validate-code";
  private static final String EXPAND = "$expand";

  private final FhirHttp http;

  public TerminologyServerClient(TerminologyServerConfig config) {
    this.http = new FhirHttp(Objects.requireNonNull(config, "config"));
  }

  @Override
  public Optional<Translation> translate(String system, String code, String conceptMapUrl, String targetSystem) {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    // R4 names: url is the concept map's canonical URL, targetsystem the code system wanted (target is a value set).
    FhirHttp.Reply r = http.get(TRANSLATE, "ConceptMap/$translate", List.of(
        new String[] {"system", system}, new String[] {"code", code},
        new String[] {"url", conceptMapUrl}, new String[] {"targetsystem", targetSystem}));
    if (isNoResult(r)) {
      return Optional.empty();
    }
    JsonNode p = answer(TRANSLATE, r, "Parameters");
    List<Match> matches = new ArrayList<>();
    for (JsonNode m : FhirJson.named(p, "parameter", "match")) {
      String equivalence = FhirJson.valueText(FhirJson.first(m, "part", "equivalence"));
      if (equivalence == null) {
        // Servers that speak R5 internally sometimes answer with the R5 name.
        equivalence = FhirJson.valueText(FhirJson.first(m, "part", "relationship"));
      }
      JsonNode concept = FhirJson.value(FhirJson.first(m, "part", "concept"));
      JsonNode coding = concept == null || !concept.isObject() ? FhirJson.MAPPER.createObjectNode() : concept;
      matches.add(new Match(equivalence, FhirJson.text(coding, "system"), FhirJson.text(coding, "code"),
          FhirJson.text(coding, "display"), FhirJson.valueText(FhirJson.first(m, "part", "source"))));
    }
    return Optional.of(new Translation(result(TRANSLATE, r, p), message(p), matches));
  }

  @Override
  public CodeValidation validateCode(String system, String code, String display, String valueSetUrl) {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    FhirHttp.Reply r = valueSetUrl == null
        // On CodeSystem/$validate-code the code system itself is the url parameter.
        ? http.get(VALIDATE_CODE, "CodeSystem/$validate-code", List.of(
            new String[] {"url", system}, new String[] {"code", code}, new String[] {"display", display}))
        : http.get(VALIDATE_CODE, "ValueSet/$validate-code", List.of(
            new String[] {"url", valueSetUrl}, new String[] {"system", system}, new String[] {"code", code},
            new String[] {"display", display}));
    JsonNode p = isNoResult(r) ? parse(VALIDATE_CODE, r) : answer(VALIDATE_CODE, r, "Parameters");
    return new CodeValidation(
        result(VALIDATE_CODE, r, p), message(p), FhirJson.valueText(FhirJson.first(p, "parameter", "display")));
  }

  @Override
  public Expansion expand(String valueSetUrl, String version) {
    Objects.requireNonNull(valueSetUrl, "valueSetUrl");
    List<ExpandedCode> codes = new ArrayList<>();
    String url = valueSetUrl;
    String vsVersion = version;
    JsonNode firstEntry = null;
    int offset = 0;
    for (int page = 0; ; page++) {
      if (page == MAX_PAGES) {
        throw http.error(EXPAND + " of " + valueSetUrl + " still had pages after " + MAX_PAGES, 0, null);
      }
      FhirHttp.Reply r = http.get(EXPAND, "ValueSet/$expand", List.of(
          new String[] {"url", valueSetUrl}, new String[] {"valueSetVersion", version},
          new String[] {"offset", Integer.toString(offset)}, new String[] {"count", Integer.toString(PAGE_SIZE)}));
      JsonNode vs = answer(EXPAND, r, "ValueSet");
      JsonNode expansion = vs.get("expansion");
      if (expansion == null || !expansion.isObject()) {
        throw http.error(EXPAND + " on " + r.path() + ": the ValueSet has no expansion", r.status(), null);
      }
      JsonNode contains = expansion.path("contains");
      JsonNode reported = expansion.get("offset");
      // A server that ignores offset would send page one again and again; refuse rather than duplicate codes.
      if (page > 0 && (reported != null && reported.asInt() != offset
          || contains.size() > 0 && contains.get(0).equals(firstEntry))) {
        throw http.error(EXPAND + " on " + r.path() + ": the server ignored offset=" + offset + " (paging unsupported)",
            r.status(), null);
      }
      if (page == 0) {
        url = Optional.ofNullable(FhirJson.text(vs, "url")).orElse(valueSetUrl);
        vsVersion = Optional.ofNullable(FhirJson.text(vs, "version")).orElse(version);
        firstEntry = contains.path(0);
      }
      for (JsonNode entry : contains) {
        flatten(entry, codes);
      }
      int received = contains.size();
      JsonNode total = expansion.get("total");
      offset += received;
      if (received == 0 || (total != null && total.canConvertToInt() ? offset >= total.asInt() : received < PAGE_SIZE)) {
        break;
      }
    }
    return new Expansion(url, vsVersion, codes);
  }

  @Override
  public void close() {
    http.close();
  }

  private static void flatten(JsonNode entry, List<ExpandedCode> out) {
    String code = FhirJson.text(entry, "code");
    if (code != null) {
      out.add(new ExpandedCode(FhirJson.text(entry, "system"), FhirJson.text(entry, "version"), code,
          FhirJson.text(entry, "display")));
    }
    for (JsonNode child : entry.path("contains")) {
      flatten(child, out);
    }
  }

  /** A 404 whose body is Parameters with result=false: the server's way of saying it knows no answer. */
  private static boolean isNoResult(FhirHttp.Reply r) {
    if (r.status() != 404) {
      return false;
    }
    try {
      JsonNode p = FhirJson.object(r.body());
      JsonNode result = FhirJson.value(FhirJson.first(p, "parameter", "result"));
      return "Parameters".equals(FhirJson.resourceType(p)) && result != null && result.isBoolean()
          && !result.asBoolean();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The body of a successful reply as the resource expected, or the exception that describes the failure. */
  private JsonNode answer(String operation, FhirHttp.Reply r, String resourceType) {
    int status = r.status();
    if (status >= 300 && status < 400) {
      throw http.error(operation + " on " + r.path() + ": HTTP " + status + " redirect"
          + r.location().map(l -> " to " + l).orElse("")
          + " (not followed, so the token stays with this server; configure the final base URL)", status, null);
    }
    if (status < 200 || status >= 300) {
      throw http.error(operation + " on " + r.path() + ": HTTP " + status + FhirHttp.describe(r.body()), status, null);
    }
    JsonNode root = parse(operation, r);
    String type = FhirJson.resourceType(root);
    if ("OperationOutcome".equals(type)) {
      throw http.error(operation + " on " + r.path() + ": HTTP " + status + " with an OperationOutcome"
          + FhirHttp.describe(r.body()), status, null);
    }
    if (!resourceType.equals(type)) {
      throw http.error(operation + " on " + r.path() + ": expected a " + resourceType + " resource but got "
          + (type == null ? "JSON without a resourceType" : type), status, null);
    }
    return root;
  }

  private JsonNode parse(String operation, FhirHttp.Reply r) {
    try {
      return FhirJson.object(r.body());
    } catch (JsonProcessingException e) {
      throw http.error(operation + " on " + r.path() + ": the response is not valid JSON (" + e.getOriginalMessage()
          + ")", r.status(), e);
    } catch (IllegalArgumentException e) {
      throw http.error(operation + " on " + r.path() + ": " + e.getMessage(), r.status(), e);
    }
  }

  private boolean result(String operation, FhirHttp.Reply r, JsonNode parameters) {
    JsonNode v = FhirJson.value(FhirJson.first(parameters, "parameter", "result"));
    if (v == null || !v.isBoolean()) {
      throw http.error(operation + " on " + r.path() + ": the Parameters have no boolean 'result'", r.status(), null);
    }
    return v.asBoolean();
  }

  private static String message(JsonNode parameters) {
    return FhirJson.valueText(FhirJson.first(parameters, "parameter", "message"));
  }
}
