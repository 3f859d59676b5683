package org.carelake.transforms.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocking keys of a record: two records become a candidate pair when they share at least one. Each key
 * survives a different error, so their union finds the pairs any one misses: the birth date with the given initial
 * (family name misspelt or changed, a move), the sound of the family name with the birth year (day and month
 * swapped, a typo in the date, a nickname), the initial and sound of the names with the 3-digit ZIP (a wrong birth
 * date), the phone, the address, the e-mail and the SSN (everything else changed).
 *
 * <p>No key is the birth date alone: in a million records a birth date is shared by about 40 people, which made
 * that one key 30 million pairs, almost none of them matches; with the initial it is a tenth of that.
 */
public final class BlockingKeys {
  private BlockingKeys() {}

  public static List<String> of(PersonRecord r) {
    List<String> keys = new ArrayList<>(7);
    String family = phonetic(r.family());
    if (r.birthDate() != null) {
      if (r.given() != null) {
        keys.add("dob_init|" + r.birthDate() + "|" + r.given().charAt(0));
      }
      if (family != null) {
        keys.add("fam_year|" + family + "|" + r.birthDate().getYear());
      }
    }
    if (family != null && r.given() != null && r.postalCode() != null && r.postalCode().length() >= 3) {
      keys.add("names_zip3|" + r.given().charAt(0) + "|" + family + "|" + r.postalCode().substring(0, 3));
    }
    if (r.phone() != null && r.phone().length() == 10) {
      keys.add("phone|" + r.phone());
    }
    if (r.addressLine() != null && r.postalCode() != null) {
      keys.add("address|" + r.addressLine() + "|" + r.postalCode());
    }
    if (r.email() != null) {
      keys.add("email|" + r.email());
    }
    if (r.ssn() != null && r.ssn().length() == 9) {
      keys.add("ssn|" + r.ssn());
    }
    return keys;
  }

  private static String phonetic(String name) {
    List<String> codes = Phonetic.codes(name);
    return codes.isEmpty() ? null : codes.get(0);
  }
}
