package org.carelake.transforms.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Canonical forms of the demographic fields identity resolution compares. Every method takes the raw value as a
 * source sent it and returns null for a blank, placeholder or unusable value, so a comparison sees "missing" rather
 * than a false agreement on junk ("UNKNOWN", 000-00-0000, a phone of all nines).
 */
public final class Normalize {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern EXTENSION = Pattern.compile("\\s*(x|ext\\.?|extension|#)\\s*[0-9]+\\s*$");

  /** Titles, degrees and generational suffixes that say nothing about who someone is. */
  private static final Set<String> NAME_NOISE = Set.of("MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "REV", "SIR",
      "JR", "SR", "II", "III", "IV", "2ND", "3RD", "4TH", "MD", "PHD", "DDS", "RN", "ESQ");
  private static final Map<String, String> GENERATIONS = Map.of("JR", "JR", "JUNIOR", "JR", "SR", "SR", "SENIOR",
      "SR", "II", "II", "2ND", "II", "III", "III", "3RD", "III", "IV", "IV", "4TH", "IV");
  /** Given names registration desks use before a newborn or an unidentified patient has one. */
  private static final Set<String> GIVEN_PLACEHOLDERS = Set.of("BABY", "BABYBOY", "BABYGIRL", "BOY", "GIRL",
      "INFANT", "NEWBORN", "TWIN", "UNKNOWN", "UNK", "NONAME", "NO", "NAME", "FNU", "NFN", "TEST");
  private static final Set<String> FAMILY_PLACEHOLDERS = Set.of("UNKNOWN", "UNK", "NONAME", "LNU", "NLN", "TEST");

  /** USPS Publication 28 abbreviations (street suffixes, directionals, unit designators) for common words. */
  private static final Map<String, String> ADDRESS_WORDS = Map.ofEntries(
      Map.entry("STREET", "ST"), Map.entry("STR", "ST"), Map.entry("AVENUE", "AVE"), Map.entry("AV", "AVE"),
      Map.entry("AVN", "AVE"), Map.entry("ROAD", "RD"), Map.entry("DRIVE", "DR"), Map.entry("DRV", "DR"),
      Map.entry("LANE", "LN"), Map.entry("COURT", "CT"), Map.entry("BOULEVARD", "BLVD"), Map.entry("BOUL", "BLVD"),
      Map.entry("PLACE", "PL"), Map.entry("TERRACE", "TER"), Map.entry("TERR", "TER"), Map.entry("CIRCLE", "CIR"),
      Map.entry("PARKWAY", "PKWY"), Map.entry("PKY", "PKWY"), Map.entry("HIGHWAY", "HWY"),
      Map.entry("SQUARE", "SQ"), Map.entry("TRAIL", "TRL"), Map.entry("PLAZA", "PLZ"),
      Map.entry("EXPRESSWAY", "EXPY"), Map.entry("FREEWAY", "FWY"), Map.entry("ALLEY", "ALY"),
      Map.entry("HEIGHTS", "HTS"), Map.entry("CENTER", "CTR"), Map.entry("CROSSING", "XING"),
      Map.entry("TURNPIKE", "TPKE"), Map.entry("ROUTE", "RTE"), Map.entry("POINT", "PT"), Map.entry("MOUNT", "MT"),
      Map.entry("FORT", "FT"), Map.entry("COVE", "CV"), Map.entry("CRESCENT", "CRES"), Map.entry("GARDENS", "GDNS"),
      Map.entry("MANOR", "MNR"), Map.entry("RIDGE", "RDG"), Map.entry("EXTENSION", "EXT"),
      Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"), Map.entry("WEST", "W"),
      Map.entry("NORTHEAST", "NE"), Map.entry("NORTHWEST", "NW"), Map.entry("SOUTHEAST", "SE"),
      Map.entry("SOUTHWEST", "SW"), Map.entry("APARTMENT", "APT"), Map.entry("SUITE", "STE"),
      Map.entry("BUILDING", "BLDG"), Map.entry("FLOOR", "FL"), Map.entry("ROOM", "RM"),
      Map.entry("DEPARTMENT", "DEPT"), Map.entry("NUMBER", "APT"), Map.entry("NO", "APT"));
  private static final Set<String> UNIT_WORDS = Set.of("APT", "STE", "UNIT", "RM", "FL", "BLDG", "DEPT", "LOT");
  private static final Set<String> PLACEHOLDER_SSNS = Set.of("123456789", "987654321", "078051120", "219099999");
  private static final Set<String> PLACEHOLDER_PHONES = Set.of("1234567890", "0123456789", "9876543210");

  private Normalize() {}

  /**
   * Upper case without accents (NFD, combining marks removed, letters NFD cannot split folded by hand); null for
   * null or blank.
   */
  public static String fold(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    t = t.toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case 'Ø' -> out.append('O');
        case 'Æ' -> out.append("AE");
        case 'Œ' -> out.append("OE");
        case 'Ł' -> out.append('L');
        case 'Đ', 'Ð' -> out.append('D');
        case 'Þ' -> out.append("TH");
        case 'ß', 'ẞ' -> out.append("SS");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A personal name as letters and single spaces: accents stripped, apostrophes closed up (O'BRIEN -> OBRIEN),
   * hyphens and other punctuation as spaces, digits dropped, titles and generational suffixes (MR, DR, JR, III)
   * removed. Null when nothing is left.
   */
  public static String name(String raw) {
    String t = fold(raw);
    if (t == null) {
      return null;
    }
    t = t.replace("'", "").replace("’", "").replace("`", "");
    List<String> kept = new ArrayList<>();
    for (String token : SPACES.split(t.replaceAll("[^A-Z0-9]+", " ").strip())) {
      String letters = token.replaceAll("[^A-Z]", "");
      if (!letters.isEmpty() && !NAME_NOISE.contains(token)) {
        kept.add(letters);
      }
    }
    return kept.isEmpty() ? null : String.join(" ", kept);
  }

  /**
   * {@link #name} for a given name, null also for registration placeholders (BABY BOY, TWIN A, UNKNOWN): names
   * made of placeholder words and single letters only. A lone initial stays.
   */
  public static String givenName(String raw) {
    String n = name(raw);
    if (n == null) {
      return null;
    }
    boolean placeholder = false;
    for (String token : n.split(" ")) {
      if (GIVEN_PLACEHOLDERS.contains(token)) {
        placeholder = true;
      } else if (token.length() > 1) {
        return n;
      }
    }
    return placeholder ? null : n;
  }

  /** {@link #name} for a family name, null also for placeholders (UNKNOWN). */
  public static String familyName(String raw) {
    String n = name(raw);
    return n == null || FAMILY_PLACEHOLDERS.contains(n) ? null : n;
  }

  /**
   * The generational suffix (JR, SR, II, III, IV) in the first of the values that has one: the suffix column, or a
   * suffix left in a name field ("SMITH JR"). JUNIOR and SENIOR count only as whole values of the suffix column,
   * since both are also given names.
   */
  public static String generation(String suffix, String... names) {
    String s = fold(suffix);
    if (s != null) {
      String whole = s.replaceAll("[^A-Z0-9]", "");
      if (GENERATIONS.containsKey(whole)) {
        return GENERATIONS.get(whole);
      }
    }
    String found = generationWord(s);
    for (int i = 0; found == null && i < names.length; i++) {
      found = generationWord(fold(names[i]));
    }
    return found;
  }

  /** The first JR, SR, II, III, IV (or 2ND ...) among the words of a folded value. */
  private static String generationWord(String folded) {
    if (folded == null) {
      return null;
    }
    for (String token : SPACES.split(folded.replaceAll("[^A-Z0-9]+", " ").strip())) {
      if (GENERATIONS.containsKey(token) && !token.equals("JUNIOR") && !token.equals("SENIOR")) {
        return GENERATIONS.get(token);
      }
    }
    return null;
  }

  /**
   * Ten digits: everything after an extension marker (x, ext) dropped, digits only, a leading US country code 1
   * dropped, the last ten kept. Seven digits (a number without area code) stay seven. Null for fewer than seven
   * digits and for placeholders (one repeated digit, 1234567890).
   */
  public static String phone(String raw) {
    if (raw == null) {
      return null;
    }
    String t = EXTENSION.matcher(raw.toLowerCase(Locale.ROOT)).replaceFirst("");
    String digits = t.replaceAll("[^0-9]", "");
    if (digits.length() == 11 && digits.charAt(0) == '1') {
      digits = digits.substring(1);
    }
    if (digits.length() > 10) {
      digits = digits.substring(digits.length() - 10);
    }
    if (digits.length() != 10 && digits.length() != 7) {
      return null;
    }
    if (repeated(digits) || PLACEHOLDER_PHONES.contains(digits) || digits.endsWith("0000000")) {
      return null;
    }
    return digits;
  }

  /**
   * A US ZIP code as its five digits (ZIP+4 cut, a four-digit ZIP that lost its leading zero in a spreadsheet
   * padded: 2139 -> 02139); another country's code as upper-case letters and digits. Null for 00000 and blanks.
   */
  public static String postalCode(String raw) {
    String t = fold(raw);
    if (t == null) {
      return null;
    }
    String compact = t.replaceAll("[^A-Z0-9]", "");
    if (compact.isEmpty()) {
      return null;
    }
    if (compact.matches("[0-9]+")) {
      if (compact.length() == 4 || compact.length() == 8) {
        compact = "0" + compact;
      }
      if (compact.length() < 5) {
        return null;
      }
      String zip = compact.substring(0, 5);
      return zip.equals("00000") || zip.equals("99999") ? null : zip;
    }
    return compact;
  }

  /**
   * An address line in USPS style: upper case without accents or punctuation, street suffixes, directionals and
   * unit words abbreviated (STREET -> ST, NORTH -> N, APARTMENT, # and NO -> APT), spaces collapsed. A unit
   * number written straight after '#' gets its APT: "12 ELM ST #4" and "12 ELM STREET APT 4" both become
   * "12 ELM ST APT 4".
   */
  public static String addressLine(String raw) {
    String t = fold(raw);
    if (t == null) {
      return null;
    }
    t = t.replace("#", " # ").replace("'", "").replaceAll("[^A-Z0-9#]+", " ");
    t = t.replaceAll("\\bP O BOX\\b|\\bPOST OFFICE BOX\\b|\\bPOB\\b", "PO BOX");
    List<String> out = new ArrayList<>();
    String[] tokens = SPACES.split(t.strip());
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      if (token.isEmpty()) {
        continue;
      }
      if (token.equals("#")) {
        token = "APT";
      } else if ((token.equals("NO") || token.equals("NUMBER")) && (i == 0 || i + 1 >= tokens.length)) {
        continue; // "NO" opens or ends the line only as noise; mid-line it is a unit word
      } else {
        token = ADDRESS_WORDS.getOrDefault(token, token);
      }
      // "APT #4" and "UNIT # 4": one unit word is enough
      if (token.equals("APT") && !out.isEmpty() && UNIT_WORDS.contains(out.get(out.size() - 1))) {
        continue;
      }
      out.add(token);
    }
    return out.isEmpty() ? null : String.join(" ", out);
  }

  /** Upper case without accents or punctuation, spaces collapsed (city, state). */
  public static String text(String raw) {
    String t = fold(raw);
    if (t == null) {
      return null;
    }
    t = t.replaceAll("[^A-Z0-9]+", " ").strip();
    return t.isEmpty() ? null : t;
  }

  /**
   * M, F or U from FHIR administrative gender (male, female, other, unknown), US Core birth sex (M, F, UNK), HL7 v2
   * table 0001 (M, F, O, U, A, N, X) and ISO 5218 (1, 2); null for blank. Everything that is not male or female is
   * U, which comparisons treat as missing: "other" and "unknown" carry no evidence for or against a link.
   */
  public static String sex(String raw) {
    String t = fold(raw);
    if (t == null) {
      return null;
    }
    return switch (t.strip()) {
      case "M", "MALE", "MAN", "1" -> "M";
      case "F", "FEMALE", "WOMAN", "2" -> "F";
      default -> "U";
    };
  }

  /**
   * A US social security number as nine digits; null unless it could have been issued (area 000, 666 and group
   * 00, serial 0000 never are) and is not a known placeholder (123-45-6789, one repeated digit). A masked number
   * that still shows its last four ("XXX-XX-1234") becomes those four digits.
   */
  public static String ssn(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = raw.replaceAll("[^0-9]", "");
    if (digits.length() == 4 && raw.replaceAll("[^0-9A-Za-z*]", "").length() == 9) {
      return digits.equals("0000") ? null : digits;
    }
    if (digits.length() != 9 || repeated(digits) || PLACEHOLDER_SSNS.contains(digits)) {
      return null;
    }
    String area = digits.substring(0, 3);
    if (area.equals("000") || area.equals("666") || digits.startsWith("00", 3) || digits.endsWith("0000")) {
      return null;
    }
    return digits;
  }

  /** An identifier (MRN, licence, passport): upper-case letters and digits, leading zeros dropped. */
  public static String identifier(String raw) {
    String t = fold(raw);
    if (t == null) {
      return null;
    }
    t = t.replaceAll("[^A-Z0-9]", "").replaceFirst("^0+(?=.)", "");
    return t.isEmpty() || t.equals("0") ? null : t;
  }

  /** An identifier's assigning system, compared as written apart from case and surrounding space. */
  public static String system(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip().toLowerCase(Locale.ROOT);
  }

  /** An e-mail address in lower case without surrounding space; null unless it has a local part and a domain. */
  public static String email(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("mailto:")) {
      t = t.substring("mailto:".length());
    }
    int at = t.indexOf('@');
    return at > 0 && at < t.length() - 1 && t.indexOf('@', at + 1) < 0 && !t.contains(" ") ? t : null;
  }

  private static boolean repeated(String digits) {
    return digits.chars().distinct().count() == 1;
  }
}
