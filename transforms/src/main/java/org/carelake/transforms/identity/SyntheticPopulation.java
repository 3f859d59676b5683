package org.carelake.transforms.identity;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic source patients with a known truth, for evaluating identity resolution at any size: households (one
 * to four people sharing family name, address and phone; some with twins), names drawn with a skew so namesakes
 * occur, then one to four source records per person (ehr, lab, adt, pharmacy, registry) with realistic noise:
 * family-name typos, nicknames, day and month swapped, a digit wrong in the birth date, moves (new address and
 * phone), missing phone, address, e-mail and sex, SSN in some sources only. Generated on the executors from
 * {@code spark.range} (each household from its own seeded Random), so a million records need no driver memory
 * and the same seed gives the same rows. Rows have silver.patient's identity columns plus person_key (the truth).
 */
public final class SyntheticPopulation implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final StructType SCHEMA = new StructType()
      .add("source_system", DataTypes.StringType).add("source_patient_id", DataTypes.StringType)
      .add("person_key", DataTypes.StringType)
      .add("mrn", DataTypes.StringType).add("mrn_system", DataTypes.StringType).add("ssn", DataTypes.StringType)
      .add("family", DataTypes.StringType).add("given", DataTypes.StringType)
      .add("given_all", DataTypes.createArrayType(DataTypes.StringType))
      .add("birth_date", DataTypes.DateType).add("gender", DataTypes.StringType)
      .add("phone", DataTypes.StringType).add("email", DataTypes.StringType)
      .add("address_line", DataTypes.StringType).add("address_city", DataTypes.StringType)
      .add("address_state", DataTypes.StringType).add("address_postal_code", DataTypes.StringType)
      .add("multiple_birth_boolean", DataTypes.BooleanType)
      .add("last_updated", DataTypes.TimestampType).add("_batch_id", DataTypes.StringType);
  /** Source record systems. */
  private static final String[] SOURCES = {"ehr", "lab", "adt", "pharmacy", "registry"};
  private static final String[] MALE = {"JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD",
      "JOSEPH", "THOMAS", "CHARLES", "CHRISTOPHER", "DANIEL", "MATTHEW", "ANTHONY", "MARK", "DONALD", "STEVEN",
      "PAUL", "ANDREW", "JOSHUA", "KENNETH", "KEVIN", "BRIAN", "GEORGE", "TIMOTHY", "RONALD", "EDWARD", "JASON",
      "JEFFREY", "RYAN", "JACOB", "GARY", "NICHOLAS", "ERIC", "JONATHAN", "STEPHEN", "LARRY", "JUSTIN", "SCOTT",
      "BRANDON", "BENJAMIN", "SAMUEL", "GREGORY", "ALEXANDER", "PATRICK", "FRANK", "RAYMOND", "JACK", "DENNIS",
      "JERRY", "TYLER", "AARON", "JOSE", "ADAM", "NATHAN", "HENRY", "ZACHARY", "DOUGLAS", "PETER", "KYLE", "NOAH",
      "ETHAN", "JEREMY", "WALTER", "CHRISTIAN", "KEITH", "ROGER", "TERRY", "AUSTIN", "SEAN", "GERALD", "CARL",
      "HAROLD", "DYLAN", "ARTHUR", "LAWRENCE", "JORDAN", "JESSE", "BRYAN", "BILLY", "BRUCE", "GABRIEL", "JOE",
      "LOGAN", "ALBERT", "WILLIE", "ALAN", "EUGENE", "RUSSELL", "VINCENT", "PHILIP", "BOBBY", "JOHNNY", "BRADLEY"};
  private static final String[] FEMALE = {"MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH", "BARBARA", "SUSAN",
      "JESSICA", "SARAH", "KAREN", "LISA", "NANCY", "BETTY", "SANDRA", "MARGARET", "ASHLEY", "KIMBERLY", "EMILY",
      "DONNA", "MICHELLE", "CAROL", "AMANDA", "MELISSA", "DEBORAH", "STEPHANIE", "DOROTHY", "REBECCA", "SHARON",
      "LAURA", "CYNTHIA", "AMY", "KATHLEEN", "ANGELA", "SHIRLEY", "BRENDA", "EMMA", "ANNA", "PAMELA", "NICOLE",
      "SAMANTHA", "KATHERINE", "CHRISTINE", "HELEN", "DEBRA", "RACHEL", "CAROLYN", "JANET", "MARIA", "CATHERINE",
      "HEATHER", "DIANE", "OLIVIA", "JULIE", "JOYCE", "VICTORIA", "RUTH", "VIRGINIA", "LAUREN", "KELLY",
      "CHRISTINA", "JOAN", "EVELYN", "JUDITH", "ANDREA", "HANNAH", "MEGAN", "CHERYL", "JACQUELINE", "MARTHA",
      "MADISON", "TERESA", "GLORIA", "SARA", "JANICE", "ANN", "KATHRYN", "ABIGAIL", "SOPHIA", "FRANCES", "JEAN",
      "ALICE", "JUDY", "ISABELLA", "JULIA", "GRACE", "AMBER", "DENISE", "DANIELLE", "MARILYN", "BEVERLY",
      "CHARLOTTE", "NATALIE", "THERESA", "DIANA"};
  private static final String[] FAMILY = {"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER",
      "DAVIS", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR",
      "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ",
      "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "TORRES", "NGUYEN", "HILL",
      "FLORES", "GREEN", "ADAMS", "NELSON", "BAKER", "HALL", "RIVERA", "CAMPBELL", "MITCHELL", "CARTER", "ROBERTS",
      "GOMEZ", "PHILLIPS", "EVANS", "TURNER", "DIAZ", "PARKER", "CRUZ", "EDWARDS", "COLLINS", "REYES", "STEWART",
      "MORRIS", "MORALES", "MURPHY", "COOK", "ROGERS", "GUTIERREZ", "ORTIZ", "MORGAN", "COOPER", "PETERSON",
      "BAILEY", "REED", "KELLY", "HOWARD", "RAMOS", "KIM", "COX", "WARD", "RICHARDSON", "WATSON", "BROOKS",
      "CHAVEZ", "WOOD", "JAMES", "BENNETT", "GRAY", "MENDOZA", "RUIZ", "HUGHES", "PRICE", "ALVAREZ", "CASTILLO",
      "SANDERS", "PATEL", "MYERS", "LONG", "ROSS", "FOSTER", "JIMENEZ", "POWELL", "JENKINS", "PERRY", "RUSSELL",
      "SULLIVAN", "BELL", "COLEMAN", "BUTLER", "HENDERSON", "BARNES", "GONZALES", "FISHER", "VASQUEZ", "SIMMONS",
      "ROMERO", "JORDAN", "PATTERSON", "ALEXANDER", "HAMILTON", "GRAHAM", "REYNOLDS", "GRIFFIN", "WALLACE",
      "MORENO", "WEST", "COLE", "HAYES", "BRYANT", "HERRERA", "GIBSON", "ELLIS", "TRAN", "MEDINA", "AGUILAR",
      "STEVENS", "MURRAY", "FORD", "CASTRO", "MARSHALL", "OWENS", "HARRISON", "FERNANDEZ", "MCDONALD", "WOODS",
      "WASHINGTON", "KENNEDY", "WELLS", "VARGAS", "HENRY", "CHEN", "FREEMAN", "WEBB", "TUCKER", "GUZMAN", "BURNS",
      "CRAWFORD", "OLSON", "SIMPSON", "PORTER", "HUNTER", "GORDON", "MENDEZ", "SILVA", "SHAW", "SNYDER", "MASON",
      "DIXON", "MUNOZ", "HUNT", "HICKS", "HOLMES", "PALMER", "WAGNER", "BLACK", "ROBERTSON", "BOYD", "ROSE",
      "STONE", "SALAZAR", "FOX", "WARREN", "MILLS", "MEYER", "RICE", "SCHMIDT", "GARZA", "DANIELS", "FERGUSON",
      "NICHOLS", "STEPHENS", "SOTO", "WEAVER", "RYAN", "GARDNER", "PAYNE", "GRANT", "DUNN", "KELLEY", "SPENCER",
      "HAWKINS", "ARNOLD", "PIERCE", "VAZQUEZ", "HANSEN", "PETERS", "SANTOS", "HART", "BRADLEY", "KNIGHT"};
  /** Parts of the long tail of family names. */
  private static final String[] ONSETS = {"B", "BR", "C", "CH", "D", "F", "G", "GR", "H", "K", "L", "M", "N", "P",
      "R", "S", "ST", "T", "V", "W", "Z", "DR", "FL", "KR", "SH"};
  private static final String[] VOWELS = {"A", "E", "I", "O", "U", "AI", "EA", "OU"};
  private static final String[] CODAS = {"L", "N", "R", "RN", "LD", "ND", "NK", "S", "SK", "T", "M", "RT", "CK", "V",
      "Z", "B", "D", "G", "LL", "NN"};
  private static final String[] ENDINGS = {"SON", "MAN", "TON", "LEY", "ER", "EN", "IN", "ELL", "BERG", "FIELD",
      "WOOD", "STROM", "OWSKI", "ENKO", "INI", "EZ", "OV", "HOLM", "STEIN", "LAND", "ERT", "ICK", "ARD", "ISH",
      "OTT"};
  private static final String[][] NICK = {{"ROBERT", "BOB"}, {"WILLIAM", "BILL"}, {"JAMES", "JIM"},
      {"RICHARD", "DICK"}, {"MICHAEL", "MIKE"}, {"JOSEPH", "JOE"}, {"THOMAS", "TOM"}, {"CHARLES", "CHUCK"},
      {"CHRISTOPHER", "CHRIS"}, {"DANIEL", "DAN"}, {"MATTHEW", "MATT"}, {"ANTHONY", "TONY"}, {"ELIZABETH", "LIZ"},
      {"PATRICIA", "PATTY"}, {"JENNIFER", "JENNY"}, {"MARGARET", "PEGGY"}, {"KATHERINE", "KATE"},
      {"REBECCA", "BECKY"}, {"DEBORAH", "DEBBIE"}, {"SAMANTHA", "SAM"}, {"NICHOLAS", "NICK"},
      {"STEVEN", "STEVE"}, {"EDWARD", "ED"}, {"JONATHAN", "JON"}, {"ALEXANDER", "ALEX"}, {"BENJAMIN", "BEN"}};
  private static final String[] STREETS = {"MAPLE", "OAK", "PINE", "CEDAR", "ELM", "WASHINGTON", "LAKE", "HILL",
      "PARK", "MAIN", "CHURCH", "HIGH", "MILL", "RIVER", "SPRING", "FOREST", "WALNUT", "SUNSET", "LINCOLN",
      "JACKSON", "FRANKLIN", "MEADOW", "RIDGE", "VALLEY", "WILLOW", "CHERRY", "BIRCH", "ASH", "HICKORY", "POPLAR"};
  private static final String[] KINDS = {"ST", "AVE", "RD", "DR", "LN", "CT", "BLVD", "WAY"};

  private final long seed;

  public SyntheticPopulation(long seed) {
    this.seed = seed;
  }

  /** About {@code records} source records (households are drawn until the expected count is reached). */
  public Dataset<Row> generate(SparkSession spark, long records) {
    // 1.6 people per household (sizes 1-4 at 60/25/10/5%), 2.5 source records per person.
    long households = Math.max(1, Math.round(records / 4.0));
    int partitions = (int) Math.max(2, Math.min(200, households / 20_000));
    return spark.range(0, households, 1, partitions).as(Encoders.LONG())
        .flatMap((FlatMapFunction<Long, Row>) this::household, Encoders.row(SCHEMA));
  }

  private Iterator<Row> household(long h) {
    // Mixed, not seed + h: java.util.Random's first draw moves almost linearly with its seed, so consecutive
    // households had nearly the same size and family name, and the population depended on its size.
    Random r = new Random(mix(seed * 1_000_003L + h));
    double d = r.nextDouble();
    int size = d < 0.6 ? 1 : d < 0.85 ? 2 : d < 0.95 ? 3 : 4;
    String family = familyName(r);
    String street = (1 + r.nextInt(9999)) + " " + STREETS[r.nextInt(STREETS.length)] + " " + KINDS[r.nextInt(
        KINDS.length)];
    String zip = String.format("%05d", 60000 + r.nextInt(3000));
    String phone = phone(r);
    LocalDate parentBirth = LocalDate.of(1930, 1, 1).plusDays(r.nextInt(365 * 70));
    boolean twins = size >= 3 && r.nextDouble() < 0.3;
    LocalDate childBirth = parentBirth.plusYears(22 + r.nextInt(15)).plusDays(r.nextInt(365));
    List<Row> out = new ArrayList<>();
    for (int m = 0; m < size; m++) {
      String key = "P" + h + "-" + m;
      boolean male = r.nextBoolean();
      String given = skewed(r, male ? MALE : FEMALE);
      LocalDate birth = m == 0 ? parentBirth : m == 1 && size == 2 && r.nextBoolean()
          ? parentBirth.plusDays(r.nextInt(3000) - 1500)
          : twins && m >= 2 ? childBirth : childBirth.plusYears(m).plusDays(r.nextInt(300));
      String ssn = ssn(r);
      String email = r.nextDouble() < 0.4 ? given.toLowerCase() + "." + family.toLowerCase() + r.nextInt(1000)
          + "@example.com" : null;
      int sources = 1 + r.nextInt(4);
      List<String> shuffled = new ArrayList<>(List.of(SOURCES));
      java.util.Collections.shuffle(shuffled, r);
      for (int s = 0; s < sources; s++) {
        out.add(record(r, shuffled.get(s), key, s == 0, family, given, birth, male, phone, street, zip, email, ssn));
      }
    }
    return out.iterator();
  }

  private Row record(Random r, String source, String key, boolean clean, String family, String given,
                     LocalDate birth, boolean male, String phone, String street, String zip, String email,
                     String ssn) {
    String f = family;
    String g = given;
    LocalDate b = birth;
    String ph = phone;
    String line = street;
    String z = zip;
    if (!clean) {
      if (r.nextDouble() < 0.10) {
        f = typo(r, f);
      }
      if (r.nextDouble() < 0.10) {
        g = nickname(g);
      }
      if (r.nextDouble() < 0.03 && b.getDayOfMonth() <= 12) {
        b = LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue());
      } else if (r.nextDouble() < 0.02) {
        b = b.plusDays(r.nextBoolean() ? 1 : 10);
      }
      if (r.nextDouble() < 0.12) {
        line = (1 + r.nextInt(9999)) + " " + STREETS[r.nextInt(STREETS.length)] + " ST";
        z = String.format("%05d", 60000 + r.nextInt(3000));
        ph = phone(r);
      }
    }
    boolean withSsn = (source.equals("ehr") || source.equals("adt")) && r.nextDouble() < 0.6;
    String id = source.substring(0, 1).toUpperCase() + Long.toHexString(r.nextLong() & 0xffffffffffL);
    return RowFactory.create(source, id, key, id, "urn:carelake:" + source, withSsn ? ssn : null, f, g,
        SourceRecords.seq(List.of(g)), Date.valueOf(b), r.nextDouble() < 0.05 ? null : male ? "male" : "female",
        r.nextDouble() < 0.2 ? null : ph, r.nextDouble() < 0.5 ? email : null,
        r.nextDouble() < 0.2 ? null : line, null, "IL", r.nextDouble() < 0.1 ? null : z, null,
        Timestamp.valueOf(LocalDate.of(2024, 1, 1).plusDays(r.nextInt(600)).atStartOfDay()), "b1");
  }

  /**
   * A family name as a population has them: a quarter from the common names (skewed, so namesakes occur at any
   * size), the rest from a long tail of 100,000 composed names. With the common list alone, a million records
   * held 160,000 people called SMITH.
   */
  private static String familyName(Random r) {
    if (r.nextDouble() < 0.25) {
      double u = r.nextDouble();
      return FAMILY[(int) Math.min(FAMILY.length - 1, Math.floor(FAMILY.length * u * u))];
    }
    return ONSETS[r.nextInt(ONSETS.length)] + VOWELS[r.nextInt(VOWELS.length)] + CODAS[r.nextInt(CODAS.length)]
        + ENDINGS[r.nextInt(ENDINGS.length)];
  }

  /** SplitMix64's finalizer: nearby inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Early entries much more often than late ones (about Zipf), so common names repeat. */
  private static String skewed(Random r, String[] names) {
    double u = r.nextDouble();
    return names[(int) Math.min(names.length - 1, Math.floor(names.length * u * u * u))];
  }

  private static String typo(Random r, String s) {
    if (s.length() < 3) {
      return s;
    }
    int i = 1 + r.nextInt(s.length() - 2);
    return switch (r.nextInt(3)) {
      case 0 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
      case 1 -> s.substring(0, i) + s.substring(i + 1);
      default -> s.substring(0, i) + s.charAt(i) + s.substring(i);
    };
  }

  private static String nickname(String given) {
    for (String[] n : NICK) {
      if (n[0].equals(given)) {
        return n[1];
      }
    }
    return given;
  }

  private static String phone(Random r) {
    return String.format("%03d-555-%04d", 200 + r.nextInt(700), r.nextInt(10000));
  }

  private static String ssn(Random r) {
    return String.format("%03d-%02d-%04d", 1 + r.nextInt(665), 1 + r.nextInt(99), 1 + r.nextInt(9999));
  }
}
