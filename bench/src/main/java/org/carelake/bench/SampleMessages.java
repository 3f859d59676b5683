package org.carelake.bench;

/**
 * Realistic HL7 v2.5.1 messages of 1-2 KB for load tests: lab results (ORU^R01, a panel of 8-14 results with
 * reference ranges and a comment) and admissions/updates (ADT^A01/A08 with next of kin, visit, insurance, allergies
 * and diagnoses). Deterministic per sequence number.
 */
final class SampleMessages {
  private static final String[][] TESTS = {
      {"2345-7", "Glucose", "mg/dL", "70-99"}, {"2160-0", "Creatinine", "mg/dL", "0.6-1.1"},
      {"3094-0", "Urea nitrogen", "mg/dL", "7-20"}, {"2951-2", "Sodium", "mmol/L", "135-145"},
      {"2823-3", "Potassium", "mmol/L", "3.5-5.1"}, {"2075-0", "Chloride", "mmol/L", "98-107"},
      {"2028-9", "Carbon dioxide", "mmol/L", "22-29"}, {"17861-6", "Calcium", "mg/dL", "8.5-10.5"},
      {"2885-2", "Protein", "g/dL", "6.0-8.3"}, {"1751-7", "Albumin", "g/dL", "3.5-5.0"},
      {"1975-2", "Bilirubin total", "mg/dL", "0.1-1.2"}, {"6768-6", "Alkaline phosphatase", "U/L", "44-147"},
      {"1742-6", "Alanine aminotransferase", "U/L", "7-56"}, {"1920-8", "Aspartate aminotransferase", "U/L", "10-40"}};
  private static final String[] FAMILY = {"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER"};
  private static final String[] GIVEN = {"JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL"};

  private SampleMessages() {}

  static String message(int seq, String controlId) {
    return seq % 3 == 2 ? adt(seq, controlId) : oru(seq, controlId);
  }

  static String oru(int seq, String controlId) {
    StringBuilder sb = new StringBuilder(2048);
    msh(sb, seq, controlId, "ORU^R01^ORU_R01", "LAB_SYS", "NORTH_LAB");
    pid(sb, seq);
    sb.append("PV1|1|O|CLIN^201^1^NORTH_HOSP||||4567^WELBY^MARCUS^^^DR|||MED||||1|||4567^WELBY^MARCUS^^^DR|OP|V")
        .append(seq).append("^^^NORTH_HOSP^VN\r");
    sb.append("ORC|RE|PLC").append(seq).append("^EHR|FIL").append(seq).append("^LAB||CM||||20261126083000|||")
        .append("4567^WELBY^MARCUS^^^DR\r");
    sb.append("OBR|1|PLC").append(seq).append("^EHR|FIL").append(seq)
        .append("^LAB|24323-8^Comprehensive metabolic panel - Serum or Plasma^LN|||20261126080000|||||||")
        .append("20261126081500|SER&Serum&HL70487|4567^WELBY^MARCUS^^^DR||||||20261126093000|||F\r");
    int n = 8 + seq % 7;
    for (int i = 0; i < n; i++) {
      String[] t = TESTS[i];
      int value = 10 + (seq * 31 + i * 17) % 90;
      sb.append("OBX|").append(i + 1).append("|NM|").append(t[0]).append('^').append(t[1]).append("^LN||")
          .append(value).append('|').append(t[2]).append("^^UCUM|").append(t[3]).append("|N|||F|||20261126093000|")
          .append("NORTH_LAB^North Regional Laboratory^CLIA\r");
    }
    sb.append("NTE|1|L|Specimen received in good condition. Results reviewed by the laboratory director.\r");
    return sb.toString();
  }

  static String adt(int seq, String controlId) {
    StringBuilder sb = new StringBuilder(2048);
    String event = seq % 2 == 0 ? "A01" : "A08";
    msh(sb, seq, controlId, "ADT^" + event + "^ADT_A01", "ADT_SYS", "NORTH_HOSP");
    sb.append("EVN|").append(event).append("|20261126083000|||1234^CLERK^ANNA\r");
    pid(sb, seq);
    sb.append("NK1|1|").append(FAMILY[(seq + 3) % FAMILY.length]).append('^').append(GIVEN[(seq + 2) % GIVEN.length])
        .append("|SPO^Spouse^HL70063|42 OAK AVE^^SPRINGFIELD^IL^62704^USA|^PRN^PH^^1^217^5550199\r");
    sb.append("PV1|1|I|4W^412^B^NORTH_HOSP||||4567^WELBY^MARCUS^^^DR|8910^KILDARE^JAMES^^^DR||MED||||7|||")
        .append("4567^WELBY^MARCUS^^^DR|IP|V").append(seq).append("^^^NORTH_HOSP^VN|||||||||||||||||||||||||")
        .append("20261126080000\r");
    sb.append("PV2|||R07.9^Chest pain, unspecified^I10\r");
    sb.append("AL1|1|DA|70618^Penicillin^RXNORM|MO|Rash\r");
    sb.append("DG1|1||R07.9^Chest pain, unspecified^I10||20261126080000|A\r");
    sb.append("DG1|2||I10^Essential (primary) hypertension^I10||20261126080000|A\r");
    sb.append("IN1|1|BCBS-PPO^Blue Cross PPO|60054|BLUE CROSS BLUE SHIELD|PO BOX 1000^^CHICAGO^IL^60601||||GRP")
        .append(seq % 1000).append("|||||||").append(FAMILY[seq % FAMILY.length]).append('^')
        .append(GIVEN[seq % GIVEN.length]).append("|SEL|19700101|||||||||||||||||MEM").append(seq).append('\r');
    return sb.toString();
  }

  private static void msh(StringBuilder sb, int seq, String controlId, String type, String app, String facility) {
    sb.append("MSH|^~\\&|").append(app).append('|').append(facility)
        .append("|CARELAKE|CARELAKE_EDGE|20261126093000||").append(type).append('|').append(controlId)
        .append("|P|2.5.1||||||UNICODE UTF-8\r");
  }

  private static void pid(StringBuilder sb, int seq) {
    sb.append("PID|1||MRN").append(100000 + seq).append("^^^NORTH_HOSP^MR~").append(900000000 + seq)
        .append("^^^USSSA^SS||").append(FAMILY[seq % FAMILY.length]).append('^').append(GIVEN[seq % GIVEN.length])
        .append("^Q^^^^L||").append(1940 + seq % 60).append("0").append(1 + seq % 9).append("1").append(seq % 9)
        .append('|').append(seq % 2 == 0 ? 'F' : 'M').append("||2106-3^White^CDCREC|").append(100 + seq % 900)
        .append(" MAIN ST^APT ").append(seq % 40).append("^SPRINGFIELD^IL^6270").append(seq % 10)
        .append("^USA^H||^PRN^PH^^1^217^555").append(String.format("%04d", seq % 10000))
        .append("|||M|||||N^Not Hispanic or Latino^HL70189\r");
  }
}
