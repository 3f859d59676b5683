package org.carelake.transforms.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The comparisons a model is built on, in a fixed order: a pair of records becomes the vector of their levels, in
 * this order, which is what EM counts and the model scores.
 */
public final class ComparisonSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Comparison> comparisons;

  public ComparisonSet(List<? extends Comparison> comparisons) {
    this.comparisons = List.copyOf(comparisons);
    Set<String> names = new HashSet<>();
    for (Comparison c : this.comparisons) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("two comparisons are named " + c.name());
      }
    }
    // names a comparison explains away that this set lacks are simply absent: nothing of them to discount
    for (Comparison c : this.comparisons) {
      for (int level = 0; level < c.levels().size(); level++) {
        if (c.explainsAway(level).contains(c.name())) {
          throw new IllegalArgumentException(c.name() + " cannot explain itself away");
        }
      }
    }
  }

  /**
   * The standard comparisons: given_name, family_name, birth_date, sex, postal_code, address_line, phone, ssn,
   * email, mrn, drivers_license, passport, multiple_birth, household.
   */
  public static ComparisonSet standard() {
    return new ComparisonSet(List.of(
        new GivenNameComparison(),
        new FamilyNameComparison(),
        new BirthDateComparison(),
        new SexComparison(),
        new PostalCodeComparison(),
        new AddressLineComparison(),
        new PhoneComparison(),
        new SsnComparison(),
        new EmailComparison(),
        IdentifierComparison.mrn(),
        IdentifierComparison.driversLicense(),
        IdentifierComparison.passport(),
        new MultipleBirthComparison(),
        new HouseholdComparison()));
  }

  public List<Comparison> comparisons() {
    return comparisons;
  }

  public int size() {
    return comparisons.size();
  }

  public Comparison get(int index) {
    return comparisons.get(index);
  }

  /** The position of the named comparison, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < comparisons.size(); i++) {
      if (comparisons.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> names() {
    List<String> out = new ArrayList<>();
    comparisons.forEach(c -> out.add(c.name()));
    return out;
  }

  /** The comparison vector of a pair: each comparison's level, in order. */
  public int[] levels(PersonRecord a, PersonRecord b) {
    int[] out = new int[comparisons.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = comparisons.get(i).level(a, b);
    }
    return out;
  }

  /** {@link #levels} as a list, the key type of the aggregated vectors EM reads. */
  public List<Integer> vector(PersonRecord a, PersonRecord b) {
    List<Integer> out = new ArrayList<>(comparisons.size());
    for (int level : levels(a, b)) {
      out.add(level);
    }
    return out;
  }

  /** The model of the comparisons' default m and u, with the given prior probability of a match. */
  public FellegiSunterModel defaultModel(double lambda) {
    return FellegiSunterModel.of(this, lambda);
  }
}
