package org.carelake.transforms.identity;

import java.time.LocalDate;
import java.util.List;

/** Raw silver.patient values for tests, built fluently and normalized by {@link PersonRecord#of}. */
final class Patient {
  private String sourceSystem = "ehr";
  private String sourcePatientId = "p1";
  private String mrn;
  private String mrnSystem;
  private String ssn;
  private String driversLicense;
  private String driversLicenseSystem;
  private String passport;
  private String family;
  private String given;
  private List<String> givenAll;
  private String prefix;
  private String suffix;
  private LocalDate birthDate;
  private String gender;
  private String birthSex;
  private String phone;
  private String email;
  private String addressLine;
  private String city;
  private String state;
  private String postalCode;
  private Boolean multipleBirth;
  private Integer birthOrder;

  static Patient named(String given, String family) {
    Patient p = new Patient();
    p.given = given;
    p.family = family;
    return p;
  }

  Patient copy() {
    Patient p = new Patient();
    p.sourceSystem = sourceSystem;
    p.sourcePatientId = sourcePatientId;
    p.mrn = mrn;
    p.mrnSystem = mrnSystem;
    p.ssn = ssn;
    p.driversLicense = driversLicense;
    p.driversLicenseSystem = driversLicenseSystem;
    p.passport = passport;
    p.family = family;
    p.given = given;
    p.givenAll = givenAll;
    p.prefix = prefix;
    p.suffix = suffix;
    p.birthDate = birthDate;
    p.gender = gender;
    p.birthSex = birthSex;
    p.phone = phone;
    p.email = email;
    p.addressLine = addressLine;
    p.city = city;
    p.state = state;
    p.postalCode = postalCode;
    p.multipleBirth = multipleBirth;
    p.birthOrder = birthOrder;
    return p;
  }

  Patient source(String system, String id) {
    sourceSystem = system;
    sourcePatientId = id;
    return this;
  }

  Patient mrn(String value, String system) {
    mrn = value;
    mrnSystem = system;
    return this;
  }

  Patient ssn(String value) {
    ssn = value;
    return this;
  }

  Patient driversLicense(String value, String system) {
    driversLicense = value;
    driversLicenseSystem = system;
    return this;
  }

  Patient passport(String value) {
    passport = value;
    return this;
  }

  Patient given(String value) {
    given = value;
    givenAll = null;
    return this;
  }

  Patient givens(String... values) {
    given = values.length == 0 ? null : values[0];
    givenAll = List.of(values);
    return this;
  }

  Patient family(String value) {
    family = value;
    return this;
  }

  Patient prefix(String value) {
    prefix = value;
    return this;
  }

  Patient suffix(String value) {
    suffix = value;
    return this;
  }

  Patient born(String isoDate) {
    birthDate = isoDate == null ? null : LocalDate.parse(isoDate);
    return this;
  }

  Patient gender(String value) {
    gender = value;
    return this;
  }

  Patient birthSex(String value) {
    birthSex = value;
    return this;
  }

  Patient phone(String value) {
    phone = value;
    return this;
  }

  Patient email(String value) {
    email = value;
    return this;
  }

  Patient address(String line, String city, String state, String postalCode) {
    this.addressLine = line;
    this.city = city;
    this.state = state;
    this.postalCode = postalCode;
    return this;
  }

  Patient addressLine(String line) {
    addressLine = line;
    return this;
  }

  Patient postalCode(String value) {
    postalCode = value;
    return this;
  }

  Patient multipleBirth(Boolean flag, Integer order) {
    multipleBirth = flag;
    birthOrder = order;
    return this;
  }

  PersonRecord record() {
    return PersonRecord.of(sourceSystem, sourcePatientId, mrn, mrnSystem, ssn, driversLicense, driversLicenseSystem,
        passport, family, given, givenAll, prefix, suffix, birthDate, gender, birthSex, null, phone, email,
        addressLine, city, state, postalCode, multipleBirth, birthOrder);
  }
}
