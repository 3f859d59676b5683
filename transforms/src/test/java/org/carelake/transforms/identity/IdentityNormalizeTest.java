package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Each field's canonical form on values as feeds send them, and the junk that must come back null. */
class IdentityNormalizeTest {
  @Test
  void namesLoseAccentsPunctuationDigitsAndTitles() {
    assertEquals("JOSE", Normalize.name("José"));
    assertEquals("MUNOZ", Normalize.name("  Muñoz "));
    assertEquals("OBRIEN", Normalize.name("O'Brien"));
    assertEquals("SMITH JONES", Normalize.name("Smith-Jones"));
    assertEquals("ZOE", Normalize.name("Zoë"));
    assertEquals("BJORN", Normalize.name("Bjørn"));
    assertEquals("STRASSE", Normalize.name("Straße"));
    assertEquals("LUKASZ", Normalize.name("Łukasz"));
    assertEquals("WILLIAM", Normalize.name("Dr. William"));
    assertEquals("MARTIN LUTHER", Normalize.name("Mr Martin  Luther Jr."));
    assertEquals("HENRY", Normalize.name("Henry III"));
    assertEquals("KING", Normalize.name("King, 2nd"));
    assertEquals("SMITH", Normalize.name("SMITH3"));
    assertEquals("ANNE MARIE", Normalize.name("anne-marie"));
    assertNull(Normalize.name(" "));
    assertNull(Normalize.name("Mrs."));
    assertNull(Normalize.name(null));
  }

  @Test
  void placeholderNamesAreMissing() {
    assertNull(Normalize.givenName("Baby Boy"));
    assertNull(Normalize.givenName("BABYGIRL"));
    assertNull(Normalize.givenName("Twin A"));
    assertNull(Normalize.givenName("Unknown"));
    assertEquals("J", Normalize.givenName("J."));
    assertEquals("ANN", Normalize.givenName("Ann"));
    assertNull(Normalize.familyName("UNKNOWN"));
    assertEquals("DOE", Normalize.familyName("Doe"));
  }

  @Test
  void generationFromTheSuffixOrTheName() {
    assertEquals("JR", Normalize.generation("Jr."));
    assertEquals("JR", Normalize.generation("Junior"));
    assertEquals("III", Normalize.generation("3rd"));
    assertEquals("SR", Normalize.generation(null, "Smith Sr", "John"));
    assertEquals("II", Normalize.generation("MD", "Carter II"));
    assertNull(Normalize.generation("PhD", "Junior"));
    assertNull(Normalize.generation(null));
  }

  @Test
  void phonesAsTenDigits() {
    assertEquals("2175550143", Normalize.phone("(217) 555-0143"));
    assertEquals("2175550143", Normalize.phone("+1 217.555.0143"));
    assertEquals("2175550143", Normalize.phone("1-217-555-0143"));
    assertEquals("2175550143", Normalize.phone("217-555-0143 x22"));
    assertEquals("2175550143", Normalize.phone("217 555 0143 ext. 4"));
    assertEquals("5550143", Normalize.phone("555-0143"));
    assertEquals("2079460958", Normalize.phone("+44 20 7946 0958"));
    assertNull(Normalize.phone("999-999-9999"));
    assertNull(Normalize.phone("000-000-0000"));
    assertNull(Normalize.phone("1234567890"));
    assertNull(Normalize.phone("911"));
    assertNull(Normalize.phone(null));
  }

  @Test
  void postalCodesAsFiveDigitZips() {
    assertEquals("62704", Normalize.postalCode("62704"));
    assertEquals("62704", Normalize.postalCode("62704-3310"));
    assertEquals("62704", Normalize.postalCode("627043310"));
    assertEquals("02139", Normalize.postalCode("2139"));
    assertEquals("K1A0B1", Normalize.postalCode("k1a 0b1"));
    assertNull(Normalize.postalCode("00000"));
    assertNull(Normalize.postalCode("123"));
    assertNull(Normalize.postalCode(" "));
  }

  @Test
  void addressLinesInUspsStyle() {
    assertEquals("4127 MAPLE AVE APT 2B", Normalize.addressLine("4127 Maple Avenue, Apartment 2B"));
    assertEquals("4127 MAPLE AVE APT 2B", Normalize.addressLine("4127 Maple Ave. #2B"));
    assertEquals("4127 MAPLE AVE APT 2B", Normalize.addressLine("4127 MAPLE AVE APT #2B"));
    assertEquals("12 N ELM ST", Normalize.addressLine("12 North Elm Street"));
    assertEquals("700 SW LAKE SHORE DR", Normalize.addressLine("700 Southwest Lake Shore Drive"));
    assertEquals("88 BIRCH CT", Normalize.addressLine("88 Birch Court"));
    assertEquals("301 PRAIRIE VIEW RD", Normalize.addressLine("301 Prairie View Road"));
    assertEquals("5 MILL LN", Normalize.addressLine("5 Mill Lane"));
    assertEquals("1600 PENNSYLVANIA AVE NW", Normalize.addressLine("1600 Pennsylvania Avenue Northwest"));
    assertEquals("900 SUNSET BLVD STE 310", Normalize.addressLine("900 Sunset Boulevard, Suite 310"));
    assertEquals("PO BOX 1042", Normalize.addressLine("P.O. Box 1042"));
    assertEquals("14 RUE DE LA PAIX", Normalize.addressLine("14 Rue de la Paix"));
    assertEquals("22 ACACIA AVE", Normalize.addressLine("22 Acácia Avenue"));
    assertNull(Normalize.addressLine("  , "));
  }

  @Test
  void sexFromFhirUsCoreAndV2Codes() {
    assertEquals("M", Normalize.sex("male"));
    assertEquals("F", Normalize.sex("female"));
    assertEquals("M", Normalize.sex("M"));
    assertEquals("F", Normalize.sex("f"));
    assertEquals("U", Normalize.sex("other"));
    assertEquals("U", Normalize.sex("unknown"));
    assertEquals("U", Normalize.sex("UNK"));
    assertEquals("U", Normalize.sex("O"));
    assertEquals("U", Normalize.sex("A"));
    assertEquals("U", Normalize.sex("N"));
    assertNull(Normalize.sex(""));
  }

  @Test
  void ssnsThatCouldHaveBeenIssued() {
    assertEquals("512449031", Normalize.ssn("512-44-9031"));
    assertEquals("512449031", Normalize.ssn(" 512 44 9031 "));
    assertEquals("999441234", Normalize.ssn("999-44-1234")); // Synthea's made-up numbers stay usable
    assertEquals("9031", Normalize.ssn("XXX-XX-9031"));
    assertEquals("9031", Normalize.ssn("***-**-9031"));
    assertNull(Normalize.ssn("000-12-3456"));
    assertNull(Normalize.ssn("666-12-3456"));
    assertNull(Normalize.ssn("512-00-9031"));
    assertNull(Normalize.ssn("512-44-0000"));
    assertNull(Normalize.ssn("123-45-6789"));
    assertNull(Normalize.ssn("111-11-1111"));
    assertNull(Normalize.ssn("078-05-1120"));
    assertNull(Normalize.ssn("51244903"));
  }

  @Test
  void identifiersAndEmails() {
    assertEquals("482913", Normalize.identifier("00482913"));
    assertEquals("D4003182", Normalize.identifier("d400-3182"));
    assertNull(Normalize.identifier("000"));
    assertEquals("kmorales84@example.com", Normalize.email(" KMorales84@Example.com "));
    assertEquals("kmorales84@example.com", Normalize.email("mailto:kmorales84@example.com"));
    assertNull(Normalize.email("kmorales84"));
    assertNull(Normalize.email("@example.com"));
    assertNull(Normalize.email("a@b@c"));
  }
}
