package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each validator on real codes, and on wrong check digits and shapes with the reason they give. */
class ValidatorsTest {
  private static void valid(String validator, String code, String normalized) {
    Validation v = Validators.forName(validator).validate(code);
    assertTrue(v.valid(), validator + " " + code + ": " + v.reason());
    assertEquals(normalized, v.normalizedCode(), validator + " " + code);
    assertNull(v.reason());
  }

  private static void valid(String validator, List<String> codes) {
    for (String code : codes) {
      valid(validator, code, code);
    }
  }

  private static void invalid(String validator, String code, String reason) {
    Validation v = Validators.forName(validator).validate(code);
    assertFalse(v.valid(), validator + " " + code + " should be invalid");
    assertEquals(reason, v.reason(), validator + " " + code);
  }

  @Test
  void loincCheckDigitsOfRealCodes() {
    valid("LOINC", List.of("4548-4", "2339-0", "2345-7", "8480-6", "8462-4", "29463-7", "8302-2", "39156-5",
        "72166-2", "17856-6", "55284-4", "85354-9", "2093-3", "2571-8", "18262-6", "96595-4"));
    // LOINC answers: the OpenMRS variant of the check digit over "LA" and the number
    valid("LOINC", List.of("LA6576-8", "LA6577-6", "LA33-6", "LA32-8"));
    valid("LOINC", "la6576-8", "LA6576-8");
    valid("LOINC", " 4548-4 ", "4548-4");
    // published with a wrong check digit (LOINC Users' Guide appendix C), still LOINC codes
    valid("LOINC", "11491-6", "11491-6");
  }

  @Test
  void loincWrongCheckDigitsAndShapes() {
    invalid("LOINC", "4548-5", "LOINC check digit: 4548-5 should end in -4");
    invalid("LOINC", "2345-1", "LOINC check digit: 2345-1 should end in -7");
    invalid("LOINC", "LA6576-1", "LOINC check digit: LA6576-1 should end in -8");
    invalid("LOINC", "4548", "LOINC: '4548' is not a valid code shape (nnnnn-n, LPnnn-n or LAnnn-n)");
    invalid("LOINC", "4548-44", "LOINC: '4548-44' is not a valid code shape (nnnnn-n, LPnnn-n or LAnnn-n)");
    invalid("LOINC", "04548-4", "LOINC: '04548-4' is not a valid code shape (nnnnn-n, LPnnn-n or LAnnn-n)");
    invalid("LOINC", "  ", "LOINC: empty code");
    invalid("LOINC", null, "LOINC: empty code");
  }

  @Test
  void snomedVerhoeffAndPartitionOfRealIds() {
    valid("SNOMEDCT", List.of("44054006", "38341003", "73211009", "195967001", "10509002", "15777000", "271737000",
        "162673000", "183919006", "385765002"));
    // extension ids (partition 10, US namespace 1000119)
    valid("SNOMEDCT", List.of("1121000119107", "102781000119107", "104941000119109"));
  }

  @Test
  void verhoeffOnItsPublishedTestVectors() {
    // 236 -> check digit 3, 12345 -> 1 (the examples that come with the algorithm)
    assertTrue(SnomedCtValidator.verhoeff("2363"));
    assertTrue(SnomedCtValidator.verhoeff("123451"));
    for (int d = 0; d <= 9; d++) {
      if (d != 3) {
        assertFalse(SnomedCtValidator.verhoeff("236" + d));
      }
    }
  }

  @Test
  void snomedWrongCheckDigitPartitionAndShape() {
    invalid("SNOMEDCT", "44054007", "SNOMED CT Verhoeff check digit fails for 44054007");
    invalid("SNOMEDCT", "73211008", "SNOMED CT Verhoeff check digit fails for 73211008");
    invalid("SNOMEDCT", withCheckDigit("1234501"), "SNOMED CT partition 01 is a description id, not a concept");
    invalid("SNOMEDCT", withCheckDigit("1234502"), "SNOMED CT partition 02 is a relationship id, not a concept");
    invalid("SNOMEDCT", withCheckDigit("1234505"), "SNOMED CT partition 05 is not a concept partition");
    invalid("SNOMEDCT", withCheckDigit("12310"), "SNOMED CT: extension id " + withCheckDigit("12310")
        + " is too short for a 7-digit namespace");
    invalid("SNOMEDCT", "12345", "SNOMED CT: 5 digits, expected 6 to 18");
    invalid("SNOMEDCT", "044054006", "SNOMED CT: '044054006' has a leading zero");
    invalid("SNOMEDCT", "T-28000", "SNOMED CT: 'T-28000' is not a number");
  }

  /** The id with the one check digit Verhoeff accepts (checked on its test vectors above). */
  private static String withCheckDigit(String body) {
    for (int d = 0; d <= 9; d++) {
      if (SnomedCtValidator.verhoeff(body + d)) {
        return body + d;
      }
    }
    throw new AssertionError("no Verhoeff check digit for " + body);
  }

  @Test
  void icd10CmIsDottedAndUpperCased() {
    valid("ICD10CM", "E119", "E11.9");
    valid("ICD10CM", "E1165", "E11.65");
    valid("ICD10CM", "Z0000", "Z00.00");
    valid("ICD10CM", "e11.9", "E11.9");
    valid("ICD10CM", "E11", "E11");
    valid("ICD10CM", "E11.3293", "E11.3293");
    valid("ICD10CM", "S72001A", "S72.001A");
    valid("ICD10CM", "C4A.0", "C4A.0");
    valid("ICD10CM", "U07.1", "U07.1");
  }

  @Test
  void icd10CmShapes() {
    invalid("ICD10CM", "E1", "ICD-10-CM: 'E1' is not a valid code shape");
    invalid("ICD10CM", "1E11", "ICD-10-CM: '1E11' is not a valid code shape");
    invalid("ICD10CM", "EE11", "ICD-10-CM: 'EE11' is not a valid code shape");
    invalid("ICD10CM", "E11.65432", "ICD-10-CM: 'E11.65432' is longer than 7 characters");
    invalid("ICD10CM", "E1.19", "ICD-10-CM: 'E1.19' has a dot out of place (it follows the 3rd character)");
  }

  @Test
  void icd9CmDiagnoses() {
    valid("ICD9CM", "25000", "250.00");
    valid("ICD9CM", "250.0", "250.0");
    valid("ICD9CM", "4019", "401.9");
    valid("ICD9CM", "401", "401");
    valid("ICD9CM", "v7231", "V72.31");
    valid("ICD9CM", "E8889", "E888.9");
    valid("ICD9CM", "E888.9", "E888.9");
    invalid("ICD9CM", "25", "ICD-9-CM: '25' is not a valid diagnosis code shape");
    invalid("ICD9CM", "250000", "ICD-9-CM: '250000' is not a valid diagnosis code shape");
    invalid("ICD9CM", "E88", "ICD-9-CM: 'E88' is not a valid diagnosis code shape");
    invalid("ICD9CM", "E88.89", "ICD-9-CM: 'E88.89' has a dot out of place");
  }

  @Test
  void icd10Pcs() {
    valid("ICD10PCS", List.of("0DTE0ZZ", "0DTE4ZZ", "0DTE7ZZ", "0DTE8ZZ"));
    valid("ICD10PCS", "0dte0zz", "0DTE0ZZ");
    invalid("ICD10PCS", "0DTE0Z", "ICD-10-PCS: 6 characters, expected 7");
    invalid("ICD10PCS", "0DTI0ZZ", "ICD-10-PCS: '0DTI0ZZ' has a character outside 0-9 and A-Z without I and O");
    invalid("ICD10PCS", "0DTE0ZO", "ICD-10-PCS: '0DTE0ZO' has a character outside 0-9 and A-Z without I and O");
  }

  @Test
  void rxNormAndCvx() {
    valid("RXNORM", List.of("1100184", "1308569", "1599803", "197361"));
    invalid("RXNORM", "0197361", "RxNorm: '0197361' is not an RxCUI (1 to 8 digits, no leading zero)");
    invalid("RXNORM", "123456789", "RxNorm: '123456789' is not an RxCUI (1 to 8 digits, no leading zero)");
    // CVX codes keep their leading zero, as the CDC table and value sets write them
    valid("CVX", List.of("08", "03", "17", "146", "3"));
    invalid("CVX", "1000", "CVX: '1000' is not 1 to 3 digits");
    invalid("CVX", "8a", "CVX: '8a' is not 1 to 3 digits");
  }

  @Test
  void ndcBecomesTheElevenDigitForm() {
    valid("NDC", "1234-5678-90", "01234567890");
    valid("NDC", "12345-678-90", "12345067890");
    valid("NDC", "12345-6789-0", "12345678900");
    valid("NDC", "12345-6789-01", "12345678901");
    valid("NDC", "12345678901", "12345678901");
    invalid("NDC", "1234567890", "NDC: 10 digits without dashes is ambiguous (4-4-2, 5-3-2 or 5-4-1)");
    invalid("NDC", "123456789012", "NDC: 12 digits, expected 10 or 11");
    invalid("NDC", "123-4567-89", "NDC: segments 3-4-2, expected 4-4-2, 5-3-2, 5-4-1 or 5-4-2");
    invalid("NDC", "12345-6789", "NDC: '12345-6789' is not three dash-separated digit groups");
  }

  @Test
  void cptAndHcpcs() {
    valid("CPT", List.of("99202", "99213", "44150", "3044F", "0042T", "0001U", "0002M"));
    valid("CPT", "3044f", "3044F");
    invalid("CPT", "9921", "CPT: '9921' is not 4 digits and a digit, F, T, U or M");
    invalid("CPT", "G0438", "CPT: 'G0438' is not 4 digits and a digit, F, T, U or M");
    valid("HCPCS", List.of("G0438", "G9473", "Q5003", "S9126", "T2042"));
    valid("HCPCS", "j3490", "J3490");
    invalid("HCPCS", "99213", "HCPCS Level II: '99213' is not a letter A-V and 4 digits");
    invalid("HCPCS", "W1234", "HCPCS Level II: 'W1234' is not a letter A-V and 4 digits");
  }

  @Test
  void noneTakesAnyCodeAndUnknownNamesFail() {
    valid("NONE", " 2106-3 ", "2106-3");
    valid(null, "active", "active");
    invalid("NONE", "", "empty code");
    assertEquals(Validators.forName("LOINC"), Validators.forName("loinc"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validators.forName("ICD11"));
    assertTrue(e.getMessage().startsWith("unknown validator 'ICD11'"), e.getMessage());
    assertEquals(List.of("LOINC", "SNOMEDCT", "ICD10CM", "ICD10PCS", "ICD9CM", "RXNORM", "CVX", "NDC", "CPT", "HCPCS",
        "NONE"), List.copyOf(Validators.names()));
  }

  @Test
  void invalidKeepsTheCodeAsReceivedWithoutBlanks() {
    Validation v = Validators.forName("LOINC").validate(" 4548-5 ");
    assertEquals(new Validation(false, "4548-5", "LOINC check digit: 4548-5 should end in -4"), v);
  }
}
