package org.carelake.ingestion.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.carelake.core.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast scanner against Jackson's reading, the reference: whatever the scanner accepts, Jackson must accept with
 * the same header fields; what it declines, the parser hands to Jackson, so declining is always safe but must be rare
 * for real resources.
 */
class HeaderScannerTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  /** The fields both readings set, or null when the reading rejects or declines the line. */
  private static List<String> scanner(byte[] line) {
    ParsedLine out = new ParsedLine();
    return HeaderScanner.scan(line, 0, line.length, out) ? fields(out) : null;
  }

  private static List<String> jackson(byte[] line) {
    ParsedLine out = new ParsedLine();
    return ResourceHeaderParser.parseWithJackson(line, 0, line.length, out) ? fields(out) : null;
  }

  private static List<String> fields(ParsedLine p) {
    return Arrays.asList(p.resourceType, p.id, p.versionId, p.lastUpdated, p.patientReference);
  }

  private static List<byte[]> fixtureLines() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
        for (String l : Files.readAllLines(f, UTF_8)) {
          if (!l.isBlank()) {
            lines.add(l.getBytes(UTF_8));
          }
        }
      }
    }
    return lines;
  }

  @Test
  void readsEveryFixtureResourceAsJacksonDoes() throws IOException {
    List<byte[]> lines = fixtureLines();
    assertTrue(lines.size() > 1000, "fixtures: " + lines.size());
    for (byte[] line : lines) {
      List<String> fast = scanner(line);
      assertEquals(jackson(line), fast, () -> new String(line, UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":01}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":-}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":1.}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":.5}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":+1}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":1e}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"n\":[1,]}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"b\":tru}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"b\":truex}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"b\":NaN}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"s\":\"a\tb\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"s\":\"a\\xb\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"s\":\"\\u12g4\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",'s':1}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",s:1}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\"} x",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\"}{}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\"",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"a\":{\"b\":1]}",
      "[{\"resourceType\":\"Patient\",\"id\":\"p1\"}]",
      "\"Patient\"",
      "{\"resourceType\":\"Patient\" \"id\":\"p1\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"x\":/*c*/1}"})
  void declinesWhatJacksonRejects(String json) {
    byte[] line = json.getBytes(UTF_8);
    assertEquals(null, jackson(line), "Jackson must reject this case for it to test anything");
    assertEquals(null, scanner(line));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      " {\"resourceType\" : \"Patient\" , \"id\" : \"p1\" } \r",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"resourceType\":\"Condition\"}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"id\":7}",
      "{\"resourceType\":[\"Observation\"],\"id\":\"o\"}",
      "{\"meta\":{\"versionId\":\"1\"},\"resourceType\":\"Observation\",\"id\":\"o\",\"meta\":{\"lastUpdated\":\"x\"}}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"meta\":{\"versionId\":2,\"tag\":[{\"versionId\":\"no\"}]}}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"meta\":\"v1\"}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"reference\":\"Group/g\"},"
          + "\"patient\":{\"reference\":\"Patient/p2\"},\"subject\":{\"reference\":\"Patient/p1\"}}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"patient\":{\"reference\":\"Patient/p2\"},"
          + "\"subject\":{\"reference\":\"Patient/p1\"},\"subject\":{\"reference\":\"Patient/p3\"}}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":[{\"reference\":\"Patient/p1\"}],"
          + "\"beneficiary\":{\"reference\":\"https://x/fhir/Patient/p9/_history/1\",\"reference\":7}}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"display\":\"x\"}}",
      "{\"resourceType\":\"Observation\",\"id\":\"o\",\"n\":[-0,0.5,-1.25e+10,3E-2,1e5,12345678901234567890],"
          + "\"b\":[true,false,null],\"e\":{},\"a\":[],\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"}",
      "{\"resourceType\":\"Observation\",\"id\":\"\\u00e9t\\u00e9\"}",
      "{\"resourceType\":\"Observation\",\"id\":\"été 😀\",\"t\":\"日本語のテキスト、とても長い文字列です。\"}",
      "{\"resource\\u0054ype\":\"Observation\",\"id\":\"o\"}",
      "\uFEFF{\"resourceType\":\"Observation\",\"id\":\"o\"}"})
  void agreesWithJacksonOnEdgeCases(String json) {
    byte[] line = json.getBytes(UTF_8);
    List<String> reference = jackson(line);
    List<String> fast = scanner(line);
    if (fast != null) {
      assertEquals(reference, fast);
    } else {
      // Declined: the parser falls back to Jackson, which must then decide (here, accept) by itself.
      assertTrue(reference != null, "declined a line Jackson rejects too: fine, but this case expects acceptance");
    }
  }

  @Test
  void readsEscapesInSkippedTextButLeavesEscapedHeaderValuesToJackson() {
    assertEquals(List.of("Observation", "o"), scanner(("{\"resourceType\":\"Observation\",\"id\":\"o\","
        + "\"note\":\"line\\nbreak \\\"quoted\\\" \\u00e9\"}").getBytes(UTF_8)).subList(0, 2));
    assertEquals(null, scanner("{\"resourceType\":\"Observation\",\"id\":\"\\u00e9\"}".getBytes(UTF_8)));
  }

  @Test
  void deepNestingIsLeftToJackson() {
    String deep = "[".repeat(500) + "]".repeat(500);
    byte[] line = ("{\"resourceType\":\"Basic\",\"id\":\"b\",\"x\":" + deep + "}").getBytes(UTF_8);
    assertEquals(null, scanner(line));
    assertEquals(Arrays.asList("Basic", "b", null, null, null), jackson(line));
  }

  /**
   * Random single-byte edits of real resources: every mutant the scanner accepts is valid UTF-8 and Jackson accepts
   * it with the same fields. Both outcomes must occur many times, or the test would not be testing both.
   */
  @Test
  void neverAcceptsAMutantJacksonRejects() throws IOException {
    List<byte[]> lines = fixtureLines().stream().filter(l -> l.length < 3000).toList();
    Random random = new Random(20261130L);
    byte[] alphabet = "{}[]\":,\\ \t0123456789.-+eEtrufalsn/bu\u0001x\u00e9\u20ac".getBytes(UTF_8);
    byte[] nonAscii = {(byte) 0x80, (byte) 0xC3, (byte) 0xE2, (byte) 0xF0, (byte) 0xFF, (byte) 0xED};
    int accepted = 0;
    int declined = 0;
    int invalidUtf8 = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] line = lines.get(random.nextInt(lines.size())).clone();
      byte[] mutant = mutate(line, random, n % 5 == 0 ? nonAscii : alphabet);
      List<String> fast = scanner(mutant);
      if (!Utf8.isValid(mutant, 0, mutant.length)) {
        invalidUtf8++;
        assertEquals(null, fast, () -> "accepted invalid UTF-8: " + new String(mutant, UTF_8));
        continue;
      }
      if (fast == null) {
        declined++;
        continue;
      }
      accepted++;
      assertEquals(jackson(mutant), fast, () -> new String(mutant, UTF_8));
    }
    assertTrue(accepted > 2000, "accepted mutants: " + accepted);
    assertTrue(declined > 2000, "declined mutants: " + declined);
    assertTrue(invalidUtf8 > 1000, "mutants with invalid UTF-8: " + invalidUtf8);
  }

  private static byte[] mutate(byte[] line, Random random, byte[] alphabet) {
    int at = random.nextInt(line.length);
    byte put = alphabet[random.nextInt(alphabet.length)];
    switch (random.nextInt(4)) {
      case 0 -> {
        line[at] = put;
        return line;
      }
      case 1 -> {
        byte[] out = new byte[line.length - 1];
        System.arraycopy(line, 0, out, 0, at);
        System.arraycopy(line, at + 1, out, at, line.length - at - 1);
        return out;
      }
      case 2 -> {
        byte[] out = new byte[line.length + 1];
        System.arraycopy(line, 0, out, 0, at);
        out[at] = put;
        System.arraycopy(line, at, out, at + 1, line.length - at);
        return out;
      }
      default -> {
        return Arrays.copyOf(line, at);
      }
    }
  }

  @Test
  void aLongBase64StringIsSkippedWholeAndAnUnescapedControlByteInItIsNot() {
    String data = "QUJD".repeat(5000);
    byte[] ok = ("{\"resourceType\":\"DocumentReference\",\"id\":\"d\",\"content\":[{\"attachment\":{\"data\":\""
        + data + "\"}}]}").getBytes(UTF_8);
    assertEquals(Arrays.asList("DocumentReference", "d", null, null, null), scanner(ok));
    byte[] bad = ok.clone();
    bad[ok.length - 2000] = 0x01;
    assertEquals(null, jackson(bad));
    assertFalse(scanner(bad) != null);
  }
}
