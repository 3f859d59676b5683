package org.carelake.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.carelake.synth.Population.Patient;
import org.carelake.synth.Population.PersonName;

/**
 * The ways another system's registration of a person differs from the truth, so identity resolution has work to do:
 * a typo in the family name, a nickname, day and month of birth transposed, the middle name left out.
 */
enum DemographicVariation {
  TYPO, NICKNAME, DAY_MONTH_SWAP, MISSING_MIDDLE;

  /** A patient as another system registered them, and which variations that took. */
  record Varied(Patient patient, List<DemographicVariation> applied) {}


  private static final Map<String, String> NICKNAMES = Map.ofEntries(
      Map.entry("Christopher", "Chris"), Map.entry("Michael", "Mike"), Map.entry("William", "Bill"),
      Map.entry("Robert", "Bob"), Map.entry("Richard", "Rick"), Map.entry("James", "Jim"),
      Map.entry("John", "Jack"), Map.entry("Joseph", "Joe"), Map.entry("Thomas", "Tom"),
      Map.entry("Charles", "Charlie"), Map.entry("Daniel", "Dan"), Map.entry("Matthew", "Matt"),
      Map.entry("Anthony", "Tony"), Map.entry("Donald", "Don"), Map.entry("Steven", "Steve"),
      Map.entry("Stephen", "Steve"), Map.entry("Andrew", "Andy"), Map.entry("Joshua", "Josh"),
      Map.entry("Kenneth", "Ken"), Map.entry("Edward", "Ed"), Map.entry("Timothy", "Tim"),
      Map.entry("Ronald", "Ron"), Map.entry("Benjamin", "Ben"), Map.entry("Samuel", "Sam"),
      Map.entry("Patrick", "Pat"), Map.entry("Nicholas", "Nick"), Map.entry("Alexander", "Alex"),
      Map.entry("Jonathan", "Jon"), Map.entry("Gregory", "Greg"), Map.entry("Jeffrey", "Jeff"),
      Map.entry("Zachary", "Zach"), Map.entry("Douglas", "Doug"), Map.entry("Peter", "Pete"),
      Map.entry("Raymond", "Ray"), Map.entry("Lawrence", "Larry"), Map.entry("Gerald", "Jerry"),
      Map.entry("Frederick", "Fred"), Map.entry("Elizabeth", "Liz"), Map.entry("Jennifer", "Jen"),
      Map.entry("Margaret", "Peggy"), Map.entry("Patricia", "Patty"), Map.entry("Katherine", "Kate"),
      Map.entry("Catherine", "Cathy"), Map.entry("Kimberly", "Kim"), Map.entry("Deborah", "Debbie"),
      Map.entry("Rebecca", "Becky"), Map.entry("Susan", "Sue"), Map.entry("Jessica", "Jess"),
      Map.entry("Barbara", "Barb"), Map.entry("Dorothy", "Dot"), Map.entry("Victoria", "Vicky"),
      Map.entry("Christina", "Tina"), Map.entry("Christine", "Chris"), Map.entry("Samantha", "Sam"),
      Map.entry("Alexandra", "Alex"), Map.entry("Abigail", "Abby"), Map.entry("Madeline", "Maddie"),
      Map.entry("Pamela", "Pam"), Map.entry("Cynthia", "Cindy"), Map.entry("Theresa", "Terri"),
      Map.entry("Judith", "Judy"), Map.entry("Virginia", "Ginny"), Map.entry("Kathleen", "Kathy"),
      Map.entry("Jacqueline", "Jackie"), Map.entry("Melissa", "Missy"), Map.entry("Stephanie", "Steph"),
      Map.entry("Gabriella", "Gabby"), Map.entry("Isabella", "Bella"), Map.entry("Frances", "Fran"),
      Map.entry("Suzanne", "Suzy"));

  /**
   * One variation that fits this patient, and a second one in a quarter of cases. Never a no-op: a variation that
   * would not change anything (no middle name to drop, a day after the 12th) is not chosen.
   */
  static Varied vary(Patient p, Random random) {
    List<DemographicVariation> fitting = new ArrayList<>();
    for (DemographicVariation v : values()) {
      if (v.fits(p)) {
        fitting.add(v);
      }
    }
    List<DemographicVariation> applied = new ArrayList<>();
    Patient out = p;
    int wanted = random.nextInt(4) == 0 ? 2 : 1;
    while (applied.size() < wanted && !fitting.isEmpty()) {
      DemographicVariation v = fitting.remove(random.nextInt(fitting.size()));
      out = v.apply(out, random);
      applied.add(v);
    }
    return new Varied(out, List.copyOf(applied));
  }

  boolean fits(Patient p) {
    PersonName n = p.name();
    return switch (this) {
      case TYPO -> n != null && n.family() != null && letters(n.family()).length() >= 3;
      case NICKNAME -> n != null && n.first() != null && nickname(letters(n.first())) != null;
      case DAY_MONTH_SWAP -> {
        String d = p.birthDate();
        if (d == null || d.length() != 10) {
          yield false;
        }
        int month = Integer.parseInt(d.substring(5, 7));
        int day = Integer.parseInt(d.substring(8, 10));
        yield day <= 12 && day != month;
      }
      case MISSING_MIDDLE -> n != null && n.given().size() >= 2;
    };
  }

  Patient apply(Patient p, Random random) {
    PersonName n = p.name();
    return switch (this) {
      case TYPO -> p.withName(new PersonName(typo(n.family(), random), n.given(), n.prefix(), n.suffix()));
      case NICKNAME -> {
        List<String> given = new ArrayList<>(n.given());
        given.set(0, nickname(letters(given.get(0))) + digits(given.get(0)));
        yield p.withName(new PersonName(n.family(), List.copyOf(given), n.prefix(), n.suffix()));
      }
      case DAY_MONTH_SWAP -> {
        String d = p.birthDate();
        yield p.withBirthDate(d.substring(0, 5) + d.substring(8, 10) + "-" + d.substring(5, 7));
      }
      case MISSING_MIDDLE -> p.withName(new PersonName(n.family(), List.of(n.given().get(0)), n.prefix(),
          n.suffix()));
    };
  }

  // Synthea appends digits to every name ("Christopher407"); variations change the letters and keep the digits.
  private static String letters(String name) {
    return name.substring(0, name.length() - digits(name).length());
  }

  private static String digits(String name) {
    int i = name.length();
    while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
      i--;
    }
    return name.substring(i);
  }

  /** The usual short form, else the first four letters of a long name; null when a name has none. */
  private static String nickname(String given) {
    String n = NICKNAMES.get(given);
    if (n != null) {
      return n;
    }
    return given.length() >= 7 ? given.substring(0, 4) : null;
  }

  /** Two neighbouring letters swapped, one doubled, or one dropped; never the first letter, never a no-op. */
  private static String typo(String family, Random random) {
    String s = letters(family);
    String digits = digits(family);
    for (int attempt = 0; attempt < 8; attempt++) {
      int i = 1 + random.nextInt(s.length() - 1);
      String t = switch (random.nextInt(3)) {
        case 0 -> i + 1 < s.length() ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2) : s;
        case 1 -> s.substring(0, i) + s.charAt(i) + s.substring(i);
        default -> s.substring(0, i) + s.substring(i + 1);
      };
      if (!t.equals(s)) {
        return t + digits;
      }
    }
    return s.substring(0, s.length() - 1) + digits;
  }
}
