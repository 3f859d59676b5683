package org.carelake.synth;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

/**
 * What the feeds are derived from: the resources of a FHIR bulk export that other systems would know about, as plain
 * values. Every collection is sorted (patients by id, events by patient, time, id) so derived feeds are deterministic.
 */
record Population(SortedMap<String, Patient> patients, SortedMap<String, Encounter> encounters,
    List<Condition> conditions, List<LabObservation> labObservations, List<LabReport> labReports,
    List<MedicationOrder> medicationOrders, List<Immunization> immunizations, List<Allergy> allergies) {

  record Coding(String system, String code, String display) {}

  record PersonName(String family, List<String> given, String prefix, String suffix) {
    String first() {
      return given.isEmpty() ? null : given.get(0);
    }

    /** Second and further given names, space separated; null when there are none. */
    String middle() {
      return given.size() < 2 ? null : String.join(" ", given.subList(1, given.size()));
    }
  }

  record PostalAddress(List<String> lines, String city, String state, String postalCode, String country) {}

  record Patient(String id, PersonName name, String gender, String birthDate, PostalAddress address, String phone,
      String ssn, Coding race, Coding ethnicity, Coding maritalStatus, String deceased, String mothersMaidenName) {
    Patient withName(PersonName n) {
      return new Patient(id, n, gender, birthDate, address, phone, ssn, race, ethnicity, maritalStatus, deceased,
          mothersMaidenName);
    }

    Patient withBirthDate(String d) {
      return new Patient(id, name, gender, d, address, phone, ssn, race, ethnicity, maritalStatus, deceased,
          mothersMaidenName);
    }

    Patient withAddress(PostalAddress a) {
      return new Patient(id, name, gender, birthDate, a, phone, ssn, race, ethnicity, maritalStatus, deceased,
          mothersMaidenName);
    }

    Patient withoutSsn() {
      return new Patient(id, name, gender, birthDate, address, phone, null, race, ethnicity, maritalStatus, deceased,
          mothersMaidenName);
    }
  }

  /** A clinician by NPI (null when unknown) and name. */
  record Practitioner(String npi, PersonName name) {}

  record Encounter(String id, String patientId, String classCode, Coding type, String status, String start,
      String end, Practitioner attending, String location, String serviceProvider) {}

  record Condition(String id, String patientId, String encounterId, Coding code, String onset, String abatement) {}

  record Quantity(BigDecimal value, String unit, String code) {}

  /** An observation value: a quantity, a coded value or text; all null when none was given. */
  record Value(Quantity quantity, Coding coded, String text) {
    boolean isEmpty() {
      return quantity == null && coded == null && text == null;
    }
  }

  record Range(BigDecimal low, BigDecimal high) {}

  record Component(Coding code, Value value) {}

  record LabObservation(String id, String patientId, String encounterId, Coding code, String status,
      String effective, String issued, Value value, Range range, List<Component> components) {}

  record LabReport(String id, String patientId, String encounterId, Coding code, String status, String effective,
      String issued, String performer, List<String> resultIds) {}

  record Dosage(String text, BigDecimal dose, String doseUnit, Coding route, boolean asNeeded, Integer frequency,
      BigDecimal period, String periodUnit) {}

  record MedicationOrder(String id, String patientId, String encounterId, Coding medication, String status,
      String authoredOn, Practitioner requester, Dosage dosage) {}

  record Immunization(String id, String patientId, String encounterId, Coding vaccine, String status,
      String occurrence, boolean primarySource, String location) {}

  record Allergy(String id, String patientId, Coding code, String category, String criticality, String recorded) {}
}
