package org.carelake.transforms.identity;

import java.util.Set;

/**
 * Members of one household: a parent and a child (JOHN SMITH SR and JR), siblings, spouses who share a family
 * name. They share family name, address, phone, postal code and often e-mail, which as independent evidence would
 * outweigh a different birth date. This comparison applies when the family names agree and the pair shares an
 * address, phone or e-mail; then:
 *
 * <ol>
 *   <li>birth dates consistent (agree, or one missing) and no clash of generational suffixes: nothing to correct;
 *   <li>birth dates clearly different: another member of the household;
 *   <li>generational suffixes differ (JR and SR, II and III): another generation.
 * </ol>
 *
 * <p>At levels 2 and 3 the household's shared values are explained away ({@link #explainsAway}), leaving given
 * name, birth date, sex and identifiers to decide. Hand-set and never re-estimated by EM ({@link #estimable}).
 */
public final class HouseholdComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int NOT_APPLICABLE = 0;
  public static final int CONSISTENT = 1;
  public static final int BIRTH_DATE_DIFFERS = 2;
  public static final int GENERATION_DIFFERS = 3;
  private static final Set<String> SHARED = Set.of("family_name", "address_line", "phone", "postal_code", "email");
  private static final AddressLineComparison ADDRESS = new AddressLineComparison();
  private static final PhoneComparison PHONE = new PhoneComparison();
  private static final EmailComparison EMAIL = new EmailComparison();

  public HouseholdComparison() {
    super("household",
        Level.missing("not applicable"),
        new Level("same household, birth dates consistent", 0.987, 0.70),
        new Level("same household, birth dates differ", 0.012, 0.25),
        new Level("same household, generational suffixes differ", 0.001, 0.05));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    if (!FamilyNameComparison.agrees(FamilyNameComparison.levelOf(a.family(), b.family()))) {
      return NOT_APPLICABLE;
    }
    boolean shared = ADDRESS.corroborates(ADDRESS.level(a, b)) || PHONE.corroborates(PHONE.level(a, b))
        || EMAIL.corroborates(EMAIL.level(a, b));
    if (!shared) {
      return NOT_APPLICABLE;
    }
    if (a.generation() != null && b.generation() != null && !a.generation().equals(b.generation())) {
      return GENERATION_DIFFERS;
    }
    return BirthDateComparison.levelOf(a.birthDate(), b.birthDate()) == BirthDateComparison.DIFFERENT
        ? BIRTH_DATE_DIFFERS : CONSISTENT;
  }

  @Override
  public Set<String> explainsAway(int level) {
    return level == BIRTH_DATE_DIFFERS || level == GENERATION_DIFFERS ? SHARED : Set.of();
  }

  @Override
  public boolean estimable() {
    return false;
  }
}
