package org.carelake.transforms.terminology.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carelake.transforms.terminology.server.FakeTerminologyServer.Concept;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TerminologyServerClientTest {
  static final String LAB = "http://acme.example/lab-codes";
  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";
  static final String LAB_TO_LOINC = "http://acme.example/ConceptMap/lab-to-loinc";
  static final String VS = "http://acme.example/ValueSet/glucose-tests";

  private final FakeTerminologyServer server = FakeTerminologyServer.start()
      .map(LAB_TO_LOINC, LAB, "GLU", "equivalent", LOINC, "2345-7", "Glucose [Mass/volume] in Serum or Plasma")
      .map(LAB_TO_LOINC, LAB, "GLU", "wider", SNOMED, "33747003", "Glucose measurement, blood")
      .map(LAB_TO_LOINC, LAB, "XYZ", "unmatched", null, null, null)
      .code(LOINC, "2345-7", "Glucose [Mass/volume] in Serum or Plasma")
      .valueSet(VS, "2024-01", List.of(
          new Concept(LOINC, "2345-7", "Glucose [Mass/volume] in Serum or Plasma"),
          new Concept(LOINC, "2339-0", "Glucose [Mass/volume] in Blood")));
  private final List<TerminologyServerClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(TerminologyServerClient::close);
    server.close();
  }

  TerminologyServerClient client(String token, int maxAttempts, Duration backoff) {
    TerminologyServerClient c = new TerminologyServerClient(
        new TerminologyServerConfig(server.baseUrl(), token, Duration.ofSeconds(5), maxAttempts, backoff));
    clients.add(c);
    return c;
  }

  TerminologyServerClient client() {
    return client(null, 3, Duration.ofMillis(1));
  }

  @Test
  void translateReadsMatchesIntoTargetSystem() {
    Translation t = client().translate(LAB, "GLU", null, LOINC).orElseThrow();

    assertTrue(t.result());
    assertEquals(List.of(new Match("equivalent", LOINC, "2345-7", "Glucose [Mass/volume] in Serum or Plasma",
        LAB_TO_LOINC)), t.matches());
    assertEquals("ConceptMap/$translate?system=" + LAB + "&code=GLU&targetsystem=" + LOINC,
        server.requests().get(0));
    assertEquals("application/fhir+json", server.lastHeader("Accept"));
    assertNull(server.lastHeader("Authorization"));
  }

  @Test
  void translateThroughANamedMapReturnsEveryMatch() {
    Translation t = client().translate(LAB, "GLU", LAB_TO_LOINC, null).orElseThrow();

    assertEquals(List.of("2345-7", "33747003"), t.matches().stream().map(Match::code).toList());
    assertEquals("wider", t.matches().get(1).equivalence());
    assertTrue(server.requests().get(0).contains("&url=" + LAB_TO_LOINC));
  }

  @Test
  void translateWithoutAcceptableMatchIsAnAnswer() {
    Translation unmatched = client().translate(LAB, "XYZ", null, null).orElseThrow();
    Translation unknown = client().translate(LAB, "NOPE", null, null).orElseThrow();

    assertFalse(unmatched.result());
    assertEquals("unmatched", unmatched.matches().get(0).equivalence());
    assertNull(unmatched.matches().get(0).code());
    assertFalse(unknown.result());
    assertTrue(unknown.message().contains("No mappings could be found for NOPE"), unknown.message());
    assertEquals(List.of(), unknown.matches());
  }

  @Test
  void translateOfASystemNoMapKnowsIsEmpty() {
    assertEquals(Optional.empty(), client().translate("http://unknown.example/cs", "A", null, null));
  }

  @Test
  void translateThroughAnUnknownMapFailsWithTheServersText() {
    TerminologyServerException e = assertThrows(TerminologyServerException.class,
        () -> client().translate(LAB, "GLU", "http://acme.example/ConceptMap/missing", null));

    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains("$translate"), e.getMessage());
    assertTrue(e.getMessage().contains("/fhir/ConceptMap/$translate"), e.getMessage());
    assertTrue(e.getMessage().contains("Unable to find ConceptMap with URI http://acme.example/ConceptMap/missing"),
        e.getMessage());
  }

  @Test
  void validateCodeInACodeSystem() {
    TerminologyServerClient c = client();

    assertEquals(new CodeValidation(true, null, "Glucose [Mass/volume] in Serum or Plasma"),
        c.validateCode(LOINC, "2345-7", null, null));
    assertEquals("CodeSystem/$validate-code?url=" + LOINC + "&code=2345-7", server.requests().get(0));

    CodeValidation wrongDisplay = c.validateCode(LOINC, "2345-7", "Sugar", null);
    assertFalse(wrongDisplay.result());
    assertTrue(wrongDisplay.message().contains("Wrong display name 'Sugar'"), wrongDisplay.message());
    assertEquals("Glucose [Mass/volume] in Serum or Plasma", wrongDisplay.display());

    CodeValidation unknownCode = c.validateCode(LOINC, "0000-0", null, null);
    assertFalse(unknownCode.result());
    assertTrue(unknownCode.message().contains("Unknown code '0000-0'"), unknownCode.message());
  }

  @Test
  void unknownCodeSystemAnsweredWith404ResultFalseIsNotAnError() {
    CodeValidation v = client().validateCode("http://unknown.example/cs", "A", null, null);

    assertFalse(v.result());
    assertEquals("Unknown code system 'http://unknown.example/cs'", v.message());
  }

  @Test
  void validateCodeInAValueSet() {
    TerminologyServerClient c = client();

    assertTrue(c.validateCode(LOINC, "2339-0", "Glucose [Mass/volume] in Blood", VS).result());
    assertEquals("ValueSet/$validate-code?url=" + VS + "&system=" + LOINC
        + "&code=2339-0&display=Glucose [Mass/volume] in Blood", server.requests().get(0));
    CodeValidation outside = c.validateCode(LOINC, "1558-6", null, VS);
    assertFalse(outside.result());
    assertTrue(outside.message().contains("is not in the value set"), outside.message());
  }

  @Test
  void validateCodeInAnUnknownValueSetFails() {
    TerminologyServerException e = assertThrows(TerminologyServerException.class,
        () -> client().validateCode(LOINC, "2345-7", null, "http://acme.example/ValueSet/missing"));

    assertTrue(e.getMessage().startsWith("$validate-code on /fhir/ValueSet/$validate-code: HTTP 404: "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("Unable to find value set http://acme.example/ValueSet/missing"),
        e.getMessage());
  }

  @Test
  void expandFollowsThreePagesOfTheClientsSize() {
    int n = 2 * TerminologyServerClient.PAGE_SIZE + 500;
    server.valueSet("http://acme.example/ValueSet/big", "3", codes(n));

    Expansion e = client().expand("http://acme.example/ValueSet/big", null);

    assertEquals(n, e.codes().size());
    assertEquals(new ExpandedCode(LOINC, null, "C0", "Code 0"), e.codes().get(0));
    assertEquals("C" + (n - 1), e.codes().get(n - 1).code());
    assertEquals("3", e.version());
    assertEquals(3, server.requestCount());
    assertTrue(server.requests().get(2).endsWith("&offset=2000&count=1000"), server.requests().get(2));
  }

  @Test
  void expandFollowsAServerThatCapsItsPages() {
    server.valueSet("http://acme.example/ValueSet/capped", "1", codes(25)).maxPageSize(10);

    Expansion e = client().expand("http://acme.example/ValueSet/capped", "1");

    assertEquals(codes(25).stream().map(Concept::code).toList(), e.codes().stream().map(ExpandedCode::code).toList());
    assertEquals(List.of(
        "ValueSet/$expand?url=http://acme.example/ValueSet/capped&valueSetVersion=1&offset=0&count=1000",
        "ValueSet/$expand?url=http://acme.example/ValueSet/capped&valueSetVersion=1&offset=10&count=1000",
        "ValueSet/$expand?url=http://acme.example/ValueSet/capped&valueSetVersion=1&offset=20&count=1000"),
        server.requests());
  }

  @Test
  void expandFlattensNestedContains() {
    server.valueSet("http://acme.example/ValueSet/tree", null, List.of(
        new Concept(null, null, "Group header", List.of(
            new Concept(SNOMED, "1", "Parent", List.of(new Concept(SNOMED, "2", "Child"))),
            new Concept(SNOMED, "3", "Sibling"))),
        new Concept(SNOMED, "4", "Top")));

    Expansion e = client().expand("http://acme.example/ValueSet/tree", null);

    assertEquals(List.of("1", "2", "3", "4"), e.codes().stream().map(ExpandedCode::code).toList());
    assertEquals("http://acme.example/ValueSet/tree", e.url());
    assertNull(e.version());
  }

  @Test
  void expandOfAnUnknownValueSetFails() {
    TerminologyServerException e = assertThrows(TerminologyServerException.class,
        () -> client().expand("http://acme.example/ValueSet/missing", null));

    assertEquals("$expand on /fhir/ValueSet/$expand: HTTP 404: ValueSet http://acme.example/ValueSet/missing not found",
        e.getMessage());
  }

  @Test
  void retriesAfter503HonouringRetryAfter() {
    server.failNext(2, 503);
    // A ten-minute backoff: only Retry-After: 0 lets this finish in time.
    TerminologyServerClient c = client(null, 3, Duration.ofMinutes(10));

    Expansion e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> c.expand(VS, null));

    assertEquals(2, e.codes().size());
    assertEquals(3, server.requestCount());
  }

  @Test
  void retriesAfter429() {
    server.failNext(1, 429);

    assertTrue(client().validateCode(LOINC, "2345-7", null, null).result());
    assertEquals(2, server.requestCount());
  }

  @Test
  void retriesAConnectionCutMidResponse() {
    server.cutNext(1);

    assertTrue(client().translate(LAB, "GLU", null, null).orElseThrow().result());
    assertEquals(2, server.requestCount());
  }

  @Test
  void theTimeoutCoversAStalledBody() {
    server.stallNext(1);
    TerminologyServerClient c = new TerminologyServerClient(
        new TerminologyServerConfig(server.baseUrl(), null, Duration.ofMillis(500), 2, Duration.ZERO));
    clients.add(c);

    Expansion e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> c.expand(VS, null));

    assertEquals(2, e.codes().size());
    assertEquals(2, server.requestCount());
  }

  @Test
  void givesUpAfterMaxAttempts() {
    server.failNext(10, 503);

    TerminologyServerException e = assertThrows(TerminologyServerException.class,
        () -> client(null, 3, Duration.ofMillis(1)).expand(VS, null));

    assertEquals("$expand on /fhir/ValueSet/$expand failed after 3 attempts: HTTP 503: Server busy, try again",
        e.getMessage());
    assertEquals(503, e.status());
    assertEquals(3, server.requestCount());
  }

  @Test
  void givesUpOnAServerThatIsNotThere() {
    FakeTerminologyServer gone = FakeTerminologyServer.start();
    gone.close();
    TerminologyServerClient c = new TerminologyServerClient(
        new TerminologyServerConfig(gone.baseUrl(), null, Duration.ofSeconds(2), 2, Duration.ofMillis(1)));
    clients.add(c);

    TerminologyServerException e = assertThrows(TerminologyServerException.class, () -> c.expand(VS, null));

    assertTrue(e.getMessage().startsWith("$expand on /fhir/ValueSet/$expand failed after 2 attempts: "),
        e.getMessage());
    assertEquals(0, e.status());
  }

  @Test
  void sendsTheBearerToken() {
    server.requireToken("s3cret-token");

    assertTrue(client("s3cret-token", 1, Duration.ZERO).validateCode(LOINC, "2345-7", null, null).result());
    assertEquals("Bearer s3cret-token", server.lastHeader("Authorization"));
  }

  @Test
  void unauthorizedMessageLeavesTheTokenOut() {
    server.requireToken("the-right-one");

    TerminologyServerException e = assertThrows(TerminologyServerException.class,
        () -> client("wrong-s3cret-token", 3, Duration.ZERO).validateCode(LOINC, "2345-7", null, null));

    assertEquals(401, e.status());
    assertEquals(1, server.requestCount());
    assertTrue(e.getMessage().startsWith("$validate-code on /fhir/CodeSystem/$validate-code: HTTP 401: "
        + "Invalid bearer token in header: Bearer "), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-s3cret-token"), e.getMessage());
  }

  @Test
  void malformedJsonIsAClearError() {
    server.answerRaw("ValueSet/$expand", 200, "{\"resourceType\":\"ValueSet\",\"expansion\":{\"contains\":[");

    TerminologyServerException e = assertThrows(TerminologyServerException.class, () -> client().expand(VS, null));

    assertTrue(e.getMessage().startsWith("$expand on /fhir/ValueSet/$expand: the response is not valid JSON ("),
        e.getMessage());
    assertEquals(1, server.requestCount());
  }

  @Test
  void aResourceOfTheWrongTypeIsAClearError() {
    server.answerRaw("ConceptMap/$translate", 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");

    TerminologyServerException e =
        assertThrows(TerminologyServerException.class, () -> client().translate(LAB, "GLU", null, null));

    assertEquals("$translate on /fhir/ConceptMap/$translate: expected a Parameters resource but got Bundle",
        e.getMessage());
  }

  @Test
  void aServerThatIgnoresOffsetIsRefused() {
    String page = "{\"resourceType\":\"ValueSet\",\"url\":\"" + VS + "\",\"expansion\":{\"total\":3000,"
        + "\"contains\":[{\"system\":\"" + LOINC + "\",\"code\":\"A\"}]}}";
    server.answerRaw("ValueSet/$expand", 200, page);

    TerminologyServerException e = assertThrows(TerminologyServerException.class, () -> client().expand(VS, null));

    assertTrue(e.getMessage().contains("ignored offset=1"), e.getMessage());
  }

  @Test
  void aClosedClientRefusesCalls() {
    TerminologyServerClient c = client();
    c.close();

    assertThrows(IllegalStateException.class, () -> c.expand(VS, null));
  }

  static List<Concept> codes(int n) {
    List<Concept> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Concept(LOINC, "C" + i, "Code " + i));
    }
    return out;
  }
}
