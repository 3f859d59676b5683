package org.carelake.transforms.identity;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source patient (a row of silver.patient) in the normalized form the comparisons read; build it with
 * {@link #of} or {@link #fromSilver}, which normalize the raw values (see {@link Normalize}). Absent and unusable
 * values are null.
 *
 * @param sourceSystem source the row came from, as given
 * @param sourcePatientId the patient's key in that source, as given
 * @param mrn medical record number ({@link Normalize#identifier})
 * @param mrnSystem assigning system of the MRN ({@link Normalize#system})
 * @param ssn nine digits, or the last four when the source masks the rest ({@link Normalize#ssn})
 * @param driversLicense driver's licence number ({@link Normalize#identifier})
 * @param driversLicenseSystem issuer of the licence ({@link Normalize#system})
 * @param passport passport number ({@link Normalize#identifier})
 * @param family family name ({@link Normalize#familyName})
 * @param given first given name ({@link Normalize#givenName})
 * @param givenAll every given name, normalized, in order, placeholders left out; never null
 * @param prefix name prefix ({@link Normalize#text})
 * @param generation generational suffix JR, SR, II, III or IV from the suffix or the name fields
 * @param birthDate date of birth
 * @param sex M, F or U ({@link Normalize#sex}) from gender, or from birth sex when gender says nothing
 * @param deceased deceased flag as given
 * @param phone ten digits, or seven without area code ({@link Normalize#phone})
 * @param email lower-case address ({@link Normalize#email})
 * @param addressLine USPS-style line ({@link Normalize#addressLine})
 * @param city city ({@link Normalize#text})
 * @param state state ({@link Normalize#text})
 * @param postalCode five-digit ZIP or a foreign code ({@link Normalize#postalCode})
 * @param multipleBirth true when the source says the patient is one of a multiple birth (the boolean, or a birth
 *     order above 1), false when it says not, null when it does not say
 * @param birthOrder birth order within a multiple birth, as given
 */
public record PersonRecord(
    String sourceSystem,
    String sourcePatientId,
    String mrn,
    String mrnSystem,
    String ssn,
    String driversLicense,
    String driversLicenseSystem,
    String passport,
    String family,
    String given,
    List<String> givenAll,
    String prefix,
    String generation,
    LocalDate birthDate,
    String sex,
    Boolean deceased,
    String phone,
    String email,
    String addressLine,
    String city,
    String state,
    String postalCode,
    Boolean multipleBirth,
    Integer birthOrder) implements Serializable {

  public PersonRecord {
    givenAll = givenAll == null ? List.of() : List.copyOf(givenAll);
  }

  /**
   * Normalizes the raw values of one silver.patient row, in its column order. The first given name is
   * {@code given}, or the first of {@code givenAll} when {@code given} is blank or a placeholder.
   */
  public static PersonRecord of(String sourceSystem, String sourcePatientId, String mrn, String mrnSystem, String ssn,
      String driversLicense, String driversLicenseSystem, String passport, String family, String given,
      List<String> givenAll, String prefix, String suffix, LocalDate birthDate, String gender, String birthSex,
      Boolean deceasedBoolean, String phone, String email, String addressLine, String addressCity,
      String addressState, String addressPostalCode, Boolean multipleBirthBoolean, Integer multipleBirthInteger) {
    List<String> givens = new ArrayList<>();
    if (givenAll != null) {
      for (String g : givenAll) {
        String n = Normalize.givenName(g);
        if (n != null) {
          givens.add(n);
        }
      }
    }
    String first = Normalize.givenName(given);
    if (first == null && !givens.isEmpty()) {
      first = givens.get(0);
    }
    if (first != null && (givens.isEmpty() || !givens.get(0).equals(first))) {
      givens.add(0, first);
    }
    String sex = Normalize.sex(gender);
    if (sex == null || sex.equals("U")) {
      String fromBirth = Normalize.sex(birthSex);
      sex = fromBirth != null && !fromBirth.equals("U") ? fromBirth : sex;
    }
    Boolean multiple = multipleBirthBoolean;
    if (multipleBirthInteger != null && multipleBirthInteger > 1) {
      multiple = true;
    }
    return new PersonRecord(
        sourceSystem,
        sourcePatientId,
        Normalize.identifier(mrn),
        Normalize.system(mrnSystem),
        Normalize.ssn(ssn),
        Normalize.identifier(driversLicense),
        Normalize.system(driversLicenseSystem),
        Normalize.identifier(passport),
        Normalize.familyName(family),
        first,
        givens,
        Normalize.text(prefix),
        Normalize.generation(suffix, family, given),
        birthDate,
        sex,
        deceasedBoolean,
        Normalize.phone(phone),
        Normalize.email(email),
        Normalize.addressLine(addressLine),
        Normalize.text(addressCity),
        Normalize.text(addressState),
        Normalize.postalCode(addressPostalCode),
        multiple,
        multipleBirthInteger);
  }

  /**
   * {@link #of} from a row keyed by silver.patient column names; absent keys are null. Dates may be
   * {@link LocalDate}, {@link java.sql.Date}, {@link java.util.Date} or ISO text; given_all a {@link Collection}
   * or an array; the flags Boolean or text, the birth order a Number or text.
   */
  public static PersonRecord fromSilver(Map<String, ?> row) {
    return of(
        text(row.get("source_system")),
        text(row.get("source_patient_id")),
        text(row.get("mrn")),
        text(row.get("mrn_system")),
        text(row.get("ssn")),
        text(row.get("drivers_license")),
        text(row.get("drivers_license_system")),
        text(row.get("passport")),
        text(row.get("family")),
        text(row.get("given")),
        texts(row.get("given_all")),
        text(row.get("prefix")),
        text(row.get("suffix")),
        date(row.get("birth_date")),
        text(row.get("gender")),
        text(row.get("birth_sex")),
        bool(row.get("deceased_boolean")),
        text(row.get("phone")),
        text(row.get("email")),
        text(row.get("address_line")),
        text(row.get("address_city")),
        text(row.get("address_state")),
        text(row.get("address_postal_code")),
        bool(row.get("multiple_birth_boolean")),
        integer(row.get("multiple_birth_integer")));
  }

  /** This record without its identifiers of the given kinds (ssn, drivers_license, mrn): placeholders. */
  public PersonRecord withoutIdentifiers(Set<String> kinds) {
    boolean noSsn = kinds.contains("ssn");
    boolean noLicense = kinds.contains("drivers_license");
    boolean noMrn = kinds.contains("mrn");
    return new PersonRecord(sourceSystem, sourcePatientId, noMrn ? null : mrn, noMrn ? null : mrnSystem,
        noSsn ? null : ssn, noLicense ? null : driversLicense, noLicense ? null : driversLicenseSystem, passport,
        family, given, givenAll, prefix, generation, birthDate, sex, deceased, phone, email, addressLine, city, state,
        postalCode, multipleBirth, birthOrder);
  }

  /** The given names after the first (middle names), possibly empty. */
  public List<String> otherGivens() {
    return givenAll.size() <= 1 ? List.of() : givenAll.subList(1, givenAll.size());
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static List<String> texts(Object v) {
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      c.forEach(x -> out.add(text(x)));
    } else if (v instanceof Object[] a) {
      for (Object x : a) {
        out.add(text(x));
      }
    } else {
      out.add(v.toString());
    }
    return out;
  }

  private static LocalDate date(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.util.Date d) {
      return new java.sql.Date(d.getTime()).toLocalDate();
    }
    String s = v.toString().strip();
    return s.length() >= 10 ? LocalDate.parse(s.substring(0, 10)) : null;
  }

  private static Boolean bool(Object v) {
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    String s = v.toString().strip();
    return s.isEmpty() ? null : Boolean.parseBoolean(s) || s.equals("1") || s.equalsIgnoreCase("Y");
  }

  private static Integer integer(Object v) {
    if (v == null || v instanceof Integer) {
      return (Integer) v;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    String s = v.toString().strip();
    return s.isEmpty() ? null : Integer.valueOf(s);
  }
}
