package org.carelake.transforms.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Twins and other multiple births: the pairs where conditional independence fails worst. Twins share family name,
 * birth date and usually address, phone and e-mail, so a model that adds those agreements up as independent evidence
 * links them. This comparison applies only when family name and birth date agree; it then looks at the given names
 * and at what the sources say about multiple birth:
 *
 * <ol>
 *   <li>given names agree (exact, nickname, middle name, matching initial, or a close spelling when the sexes agree
 *       and no source flags a multiple birth): nothing to correct;
 *   <li>given names differ: possible twins;
 *   <li>a source flags a multiple birth and the given names differ, or both give birth orders and they differ.
 * </ol>
 *
 * <p>At levels 2 and 3 the shared family name, birth date, address, phone, postal code and e-mail are what twins
 * have in common anyway, so they are explained away ({@link #explainsAway}): the model counts their agreement as
 * 0. What is left to decide is what tells twins apart: the given-name comparison (different: about -5.6), this
 * level's own weight (about -4.3 and -6.6), sex and the personal identifiers (SSN, MRN). The given name is thus
 * decisive unless an identifier says otherwise. Hand-set and never re-estimated by EM ({@link #estimable}).
 */
public final class MultipleBirthComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int NOT_APPLICABLE = 0;
  public static final int GIVEN_AGREES = 1;
  public static final int GIVEN_DIFFERS = 2;
  public static final int MULTIPLE_BIRTH_CONFLICT = 3;
  private static final Set<String> SHARED = Set.of("family_name", "birth_date", "address_line", "phone",
      "postal_code", "email");

  public MultipleBirthComparison() {
    super("multiple_birth",
        Level.missing("not applicable"),
        new Level("same family and birth date, given names agree", 0.9865, 0.70),
        new Level("same family and birth date, given names differ", 0.013, 0.25),
        new Level("multiple birth with different given names or birth orders", 0.0005, 0.05));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    if (!FamilyNameComparison.agrees(FamilyNameComparison.levelOf(a.family(), b.family()))
        || !BirthDateComparison.agrees(BirthDateComparison.levelOf(a.birthDate(), b.birthDate()))) {
      return NOT_APPLICABLE;
    }
    if (a.birthOrder() != null && b.birthOrder() != null && !Objects.equals(a.birthOrder(), b.birthOrder())) {
      return MULTIPLE_BIRTH_CONFLICT;
    }
    int given = GivenNameComparison.levelOf(a, b);
    if (given == GivenNameComparison.MISSING) {
      return NOT_APPLICABLE;
    }
    boolean flagged = Boolean.TRUE.equals(a.multipleBirth()) || Boolean.TRUE.equals(b.multipleBirth());
    if (givenAgree(given, sexDiffers(a, b), flagged)) {
      return GIVEN_AGREES;
    }
    return flagged ? MULTIPLE_BIRTH_CONFLICT : GIVEN_DIFFERS;
  }

  /**
   * Whether the given names can be one person's here. Parents give twins look-alike names (JAYDEN and JADEN, MASON
   * and MADISON), so a close spelling counts only when the sexes do not differ and no source flags a multiple
   * birth; with differing sexes only the exact name does.
   */
  private static boolean givenAgree(int given, boolean sexDiffers, boolean flagged) {
    if (given == GivenNameComparison.EXACT) {
      return true;
    }
    if (sexDiffers) {
      return false;
    }
    return given == GivenNameComparison.NICKNAME || given == GivenNameComparison.MIDDLE_NAME
        || given == GivenNameComparison.INITIAL || (given == GivenNameComparison.JW_92 && !flagged);
  }

  private static boolean sexDiffers(PersonRecord a, PersonRecord b) {
    return a.sex() != null && b.sex() != null && !a.sex().equals("U") && !b.sex().equals("U")
        && !a.sex().equals(b.sex());
  }

  @Override
  public Set<String> explainsAway(int level) {
    return level == GIVEN_DIFFERS || level == MULTIPLE_BIRTH_CONFLICT ? SHARED : Set.of();
  }

  @Override
  public boolean forbidsAutoLink(int level) {
    return level == MULTIPLE_BIRTH_CONFLICT;
  }

  @Override
  public boolean estimable() {
    return false;
  }
}
