package org.carelake.synth;

import java.util.Locale;
import org.carelake.synth.Population.Coding;
import org.carelake.synth.Population.Patient;
import org.carelake.synth.Population.PersonName;
import org.carelake.synth.Population.PostalAddress;
import org.carelake.synth.Population.Practitioner;

/** HL7 v2 composite data types (CX, XPN, XAD, XTN, XCN, CWE) and the PID segment, built from FHIR values. */
final class V2Types {
  private V2Types() {}

  /** CX: {@code id^^^authority^type}. */
  static String cx(String id, String authority, String type) {
    return Hl7Text.composite(id, "", "", authority, type);
  }

  /** XPN: family^given^further given names^suffix^prefix^^name type. */
  static String xpn(PersonName n, String type) {
    if (n == null) {
      return "";
    }
    return Hl7Text.composite(n.family(), n.first(), n.middle(), n.suffix(), n.prefix(), "", type);
  }

  /** XAD: street^other designation^city^state^zip^country^type. */
  static String xad(PostalAddress a, String type) {
    if (a == null) {
      return "";
    }
    String street = a.lines().isEmpty() ? null : a.lines().get(0);
    String other = a.lines().size() < 2 ? null : String.join(", ", a.lines().subList(1, a.lines().size()));
    return Hl7Text.composite(street, other, a.city(), a.state(), a.postalCode(), a.country(), type);
  }

  /** XTN for a home phone: the number as written, PRN, PH, and area code and local number when US-shaped. */
  static String homePhone(String phone) {
    if (phone == null) {
      return "";
    }
    String digits = phone.replaceAll("\\D", "");
    if (digits.length() == 10) {
      return Hl7Text.composite(phone, "PRN", "PH", "", "", digits.substring(0, 3), digits.substring(3));
    }
    return Hl7Text.composite(phone, "PRN", "PH");
  }

  /** XCN: NPI^family^given^middle^suffix^prefix^^^NPI^L^^^NPI; without an NPI, just the name. */
  static String xcn(Practitioner p) {
    if (p == null) {
      return "";
    }
    PersonName n = p.name();
    boolean npi = p.npi() != null;
    return Hl7Text.composite(p.npi(), n.family(), n.first(), n.middle(), n.suffix(), n.prefix(), "", "",
        npi ? "NPI" : "", "L", "", "", npi ? "NPI" : "");
  }

  /** CWE: code^text^coding system, with the HL7 table 0396 name of the system. */
  static String cwe(Coding c) {
    if (c == null) {
      return "";
    }
    if (c.code() == null) {
      return Hl7Text.composite("", c.display());
    }
    return Hl7Text.composite(c.code(), c.display(), codingSystem(c.system()));
  }

  /** HL7 table 0396 names for the systems Synthea uses; anything else is sent as a local code. */
  static String codingSystem(String uri) {
    if (uri == null) {
      return "L";
    }
    return switch (uri) {
      case FhirExportReader.LOINC -> "LN";
      case FhirExportReader.SNOMED -> "SCT";
      case FhirExportReader.RXNORM -> "RXNORM";
      case FhirExportReader.CVX -> "CVX";
      case "http://unitsofmeasure.org" -> "UCUM";
      case "http://hl7.org/fhir/sid/icd-10-cm" -> "I10";
      case "urn:oid:2.16.840.1.113883.6.238" -> "CDCREC";
      default -> "L";
    };
  }

  /** PID-8 administrative sex (HL7 table 0001). */
  static String sex(String fhirGender) {
    if (fhirGender == null) {
      return "U";
    }
    return switch (fhirGender) {
      case "female" -> "F";
      case "male" -> "M";
      case "other" -> "O";
      default -> "U";
    };
  }

  /**
   * The PID segment every feed sends: identifier, name, birth date, sex, race, address, phone, marital status,
   * ethnicity, death. Feeds add what only they carry (SSN, mother's maiden name).
   */
  static Segment pid(Patient p, String identifier) {
    Segment pid = Segment.of("PID").field(1, "1").encoded(3, identifier)
        .encoded(5, xpn(p.name(), "L"))
        .field(7, ClinicalTime.date(p.birthDate()))
        .field(8, sex(p.gender()))
        .encoded(10, cwe(p.race()))
        .encoded(11, xad(p.address(), "H"))
        .encoded(13, homePhone(p.phone()))
        .encoded(16, maritalStatus(p.maritalStatus()))
        .encoded(22, cwe(p.ethnicity()));
    if (p.deceased() != null) {
      pid.field(29, p.deceased().equals("true") ? "" : ClinicalTime.dtm(p.deceased())).field(30, "Y");
    }
    return pid;
  }

  /** PID-16 in HL7 table 0002 (FHIR's v3 MaritalStatus codes are the same letters, L = legally separated = A). */
  private static String maritalStatus(Coding c) {
    if (c == null || c.code() == null) {
      return "";
    }
    String code = c.code().toUpperCase(Locale.ROOT);
    return Hl7Text.composite(code.equals("L") ? "A" : code, c.display(), "HL70002");
  }
}
