package org.carelake.transforms.terminology.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carelake.transforms.terminology.server.FakeTerminologyServer.Concept;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CachingTerminologyClient: one request per distinct question, and a cache that survives a run as table rows. */
class TerminologyServerCachingTest {
  static final String LAB = TerminologyServerClientTest.LAB;
  static final String LOINC = TerminologyServerClientTest.LOINC;
  static final String VS = TerminologyServerClientTest.VS;

  private final FakeTerminologyServer server = FakeTerminologyServer.start()
      .map("http://acme.example/ConceptMap/lab-to-loinc", LAB, "GLU", "equivalent", LOINC, "2345-7", "Glucose")
      .code(LOINC, "2345-7", "Glucose")
      .valueSet(VS, "2024-01", List.of(new Concept(LOINC, "2345-7", "Glucose"), new Concept(LOINC, "2339-0", "Gl B")))
      .maxPageSize(1);

  @AfterEach
  void stop() {
    server.close();
  }

  CachingTerminologyClient caching() {
    return new CachingTerminologyClient(new TerminologyServerClient(new TerminologyServerConfig(
        server.baseUrl(), null, Duration.ofSeconds(5), 2, Duration.ofMillis(1))));
  }

  void askEverything(TerminologyService tx) {
    tx.translate(LAB, "GLU", null, LOINC);
    tx.translate("http://unknown.example/cs", "A", null, null);
    tx.validateCode(LOINC, "2345-7", "Glucose", null);
    tx.expand(VS, null);
  }

  @Test
  void aRepeatedQuestionMakesNoRequest() {
    try (CachingTerminologyClient c = caching()) {
      Optional<Translation> first = c.translate(LAB, "GLU", null, LOINC);
      int requests = server.requestCount();

      assertEquals(first, c.translate(LAB, "GLU", null, LOINC));
      assertEquals(requests, server.requestCount());
      assertEquals(1, c.hits());
      assertEquals(1, c.misses());

      c.translate(LAB, "GLU", null, null);
      assertEquals(requests + 1, server.requestCount());
      assertEquals(2, c.misses());
    }
  }

  @Test
  void everyOperationIsCachedIncludingEmptyAnswers() {
    try (CachingTerminologyClient c = caching()) {
      askEverything(c);
      int requests = server.requestCount();
      assertEquals(5, requests);

      askEverything(c);

      assertEquals(requests, server.requestCount());
      assertEquals(4, c.hits());
      assertEquals(4, c.misses());
      assertEquals(Optional.empty(), c.translate("http://unknown.example/cs", "A", null, null));
    }
  }

  @Test
  void entriesRoundTripIntoAFreshCache() {
    List<CacheEntry> saved;
    Optional<Translation> translation;
    CodeValidation validation;
    Expansion expansion;
    try (CachingTerminologyClient c = caching()) {
      askEverything(c);
      translation = c.translate(LAB, "GLU", null, LOINC);
      validation = c.validateCode(LOINC, "2345-7", "Glucose", null);
      expansion = c.expand(VS, null);
      saved = c.entries();
    }
    assertEquals(List.of("expand", "translate", "translate", "validate-code"),
        saved.stream().map(CacheEntry::operation).toList());
    CacheEntry translate = saved.get(1);
    assertEquals("[\"" + LAB + "\",\"GLU\",null,\"" + LOINC + "\"]", translate.requestKey());
    assertTrue(translate.responseJson().contains("\"2345-7\""), translate.responseJson());
    assertEquals("null", saved.get(2).responseJson());
    int requests = server.requestCount();

    TerminologyServerClient client = new TerminologyServerClient(new TerminologyServerConfig(
        server.baseUrl(), null, Duration.ofSeconds(5), 1, Duration.ZERO));
    try (CachingTerminologyClient next = CachingTerminologyClient.withEntries(client, saved)) {
      assertEquals(translation, next.translate(LAB, "GLU", null, LOINC));
      assertEquals(validation, next.validateCode(LOINC, "2345-7", "Glucose", null));
      assertEquals(expansion, next.expand(VS, null));
      assertEquals(Optional.empty(), next.translate("http://unknown.example/cs", "A", null, null));
      assertEquals(requests, server.requestCount());
      assertEquals(4, next.hits());
      assertEquals(0, next.misses());
      assertEquals(saved, next.entries());
    }
  }

  @Test
  void failuresAreNotCached() {
    try (CachingTerminologyClient c = caching()) {
      assertThrows(TerminologyServerException.class, () -> c.expand("http://acme.example/ValueSet/missing", null));
      assertThrows(TerminologyServerException.class, () -> c.expand("http://acme.example/ValueSet/missing", null));

      assertEquals(2, server.requestCount());
      assertEquals(List.of(), c.entries());
    }
  }

  @Test
  void anEntryThatDoesNotReadBackIsRefused() {
    TerminologyServerClient client = new TerminologyServerClient(new TerminologyServerConfig(
        server.baseUrl(), null, Duration.ofSeconds(5), 1, Duration.ZERO));
    try (client) {
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () ->
          CachingTerminologyClient.withEntries(client,
              List.of(new CacheEntry("expand", "[\"x\",null]", "{\"codes\":", Instant.EPOCH))));
      assertTrue(bad.getMessage().contains("expand [\"x\",null] does not read back"), bad.getMessage());

      assertThrows(IllegalArgumentException.class, () -> CachingTerminologyClient.withEntries(client,
          List.of(new CacheEntry("lookup", "[]", "{}", Instant.EPOCH))));
    }
  }
}
