package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Jaro-Winkler against published values, and the phonetic codes of names with known encodings. */
class IdentityStringsTest {
  private static void jw(String a, String b, double expected) {
    assertEquals(expected, JaroWinkler.similarity(a, b), 0.0005, a + "/" + b);
    assertEquals(expected, JaroWinkler.similarity(b, a), 0.0005, b + "/" + a);
  }

  @Test
  void jaroWinklerPublishedValues() {
    // the examples of the Jaro-Winkler literature
    jw("MARTHA", "MARHTA", 0.961);
    jw("DWAYNE", "DUANE", 0.840);
    jw("DIXON", "DICKSONX", 0.813);
    // Winkler's comparison table of surname and given-name pairs (Jaro-Winkler column)
    jw("SHACKLEFORD", "SHACKELFORD", 0.982);
    jw("DUNNINGHAM", "CUNNIGHAM", 0.896);
    jw("NICHLESON", "NICHULSON", 0.956);
    jw("JONES", "JOHNSON", 0.832);
    jw("MASSEY", "MASSIE", 0.933);
    jw("ABROMS", "ABRAMS", 0.922);
    jw("JERALDINE", "GERALDINE", 0.926);
    jw("JULIES", "JULIUS", 0.933);
    jw("TANYA", "TONYA", 0.880);
    jw("SEAN", "SUSAN", 0.805);
    jw("LAMPLEY", "CAMPLEY", 0.905);
  }

  @Test
  void jaroAloneAndEdgeCases() {
    assertEquals(0.944, JaroWinkler.jaro("MARTHA", "MARHTA"), 0.0005);
    assertEquals(0.822, JaroWinkler.jaro("DWAYNE", "DUANE"), 0.0005);
    assertEquals(0.767, JaroWinkler.jaro("DIXON", "DICKSONX"), 0.0005);
    assertEquals(1.0, JaroWinkler.similarity("SMITH", "SMITH"));
    assertEquals(0.0, JaroWinkler.similarity("ABC", "XYZ"));
    assertEquals(0.0, JaroWinkler.similarity("", "SMITH"));
    assertEquals(0.0, JaroWinkler.similarity(null, "SMITH"));
    // below Winkler's 0.7 threshold the prefix adds nothing
    assertEquals(JaroWinkler.jaro("ABCXYZ", "ABDQRS"), JaroWinkler.similarity("ABCXYZ", "ABDQRS"));
  }

  @Test
  void doubleMetaphoneCodes() {
    // primary and alternate codes as in Philips' description of the algorithm
    assertEquals(List.of("SM0", "XMT"), Phonetic.codes("SMITH"));
    assertEquals(List.of("XMT", "SMT"), Phonetic.codes("SCHMIDT"));
    assertEquals(List.of("JNSN", "ANSN"), Phonetic.codes("JOHNSON"));
    assertEquals(List.of("KRS", "KRX"), Phonetic.codes("GARCIA"));
    assertEquals(List.of("FLP"), Phonetic.codes("PHILIP"));
    assertEquals(List.of("NT"), Phonetic.codes("KNIGHT"));
    assertEquals(List.of(), Phonetic.codes(null));
    assertEquals(List.of("MKTNLT"), Phonetic.codes("Mac Donald"));
  }

  @Test
  void soundAlikeNames() {
    assertTrue(Phonetic.same("SMITH", "SMYTH"));
    assertTrue(Phonetic.same("SMITH", "SCHMIDT"), "SMITH's alternate is SCHMIDT's primary");
    assertTrue(Phonetic.same("PHILIP", "FILIP"));
    assertTrue(Phonetic.same("STEPHEN", "STEVEN"));
    assertTrue(Phonetic.same("MCDONALD", "MACDONALD"));
    assertTrue(Phonetic.same("KATHERINE", "CATHERINE"));
    assertTrue(Phonetic.same("Thompson", "THOMPSON"));
    assertFalse(Phonetic.same("ANDERSON", "ANDREWS"), "six-character codes keep long names apart");
    assertFalse(Phonetic.same("SMITH", "JONES"));
    assertFalse(Phonetic.same("SMITH", null));
  }

  @Test
  void soundexOfTheStandardExamples() {
    assertEquals("R163", Phonetic.soundex("Robert"));
    assertEquals("R163", Phonetic.soundex("Rupert"));
    assertEquals("R150", Phonetic.soundex("Rubin"));
    assertEquals("A261", Phonetic.soundex("Ashcraft"));
    assertEquals("T522", Phonetic.soundex("Tymczak"));
    assertEquals("P236", Phonetic.soundex("Pfister"));
    assertEquals("H555", Phonetic.soundex("Honeyman"));
    assertNull(Phonetic.soundex("--"));
  }
}
