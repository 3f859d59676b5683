package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Splitter;
import org.carelake.ingestion.hl7.Hl7Unit;

/** Messages and landing read-back shared by the MLLP tests. */
final class MllpFixtures {
  private MllpFixtures() {}

  /** A lab result of about 1 KB with this control id. */
  static String oru(String controlId) {
    return "MSH|^~\\&|LAB|NORTH_HOSP|CARELAKE|CL_FAC|20261126230501||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\r"
        + "PID|1||MRN" + controlId + "^^^NORTH^MR||DOE^JANE^Q||19800512|F|||12 MAIN ST^^SPRINGFIELD^IL^62701\r"
        + "PV1|1|O|CLINIC^^^NORTH||||1234^SMITH^ALAN\r"
        + "ORC|RE|ORD" + controlId + "|FIL" + controlId + "\r"
        + "OBR|1|ORD" + controlId + "|FIL" + controlId + "|24323-8^Comprehensive metabolic panel^LN|||20261126220000\r"
        + "OBX|1|NM|2345-7^Glucose^LN||98|mg/dL|70-99|N|||F\r"
        + "OBX|2|NM|2160-0^Creatinine^LN||0.9|mg/dL|0.6-1.1|N|||F\r"
        + "OBX|3|NM|2951-2^Sodium^LN||140|mmol/L|135-145|N|||F\r"
        + "OBX|4|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F\r"
        + "OBX|5|NM|17861-6^Calcium^LN||9.4|mg/dL|8.5-10.5|N|||F\r"
        + "OBX|6|TX|8251-1^Comment^LN||Specimen received at 22:00; no hemolysis observed.||||||F\r";
  }

  static String adt(String controlId, String version, String extraMsh) {
    return "MSH|^~\\&|ADT1|MCM|LABADT|MCM|20261126230501||ADT^A01^ADT_A01|" + controlId + "|P|" + version + extraMsh
        + "\rEVN|A01|20261126230501\rPID|1||PAT" + controlId + "||JONES^WILLIAM^A||19610615|M\r";
  }

  /** Every unit in the sealed landing files of a directory, as the batch ingest will cut them. */
  static List<Hl7Unit> readLanding(Path dir) throws IOException {
    List<Hl7Unit> units = new ArrayList<>();
    for (Path f : LandingDir.sealedFiles(dir)) {
      try (InputStream in = Files.newInputStream(f)) {
        new Hl7Splitter(64 << 20, units::add).split(in);
      }
    }
    return units;
  }

  /** The segment of a reply that starts with this name, split into fields by '|'. */
  static String[] segment(String reply, String name) {
    for (String s : reply.split("\r")) {
      if (s.startsWith(name + "|")) {
        return s.split("\\|", -1);
      }
    }
    return null;
  }

  static String field(String reply, String segment, int n) {
    String[] s = segment(reply, segment);
    if (s == null) {
      return null;
    }
    // MSH-1 is the separator itself: MSH fields are shifted by one.
    int i = segment.equals("MSH") ? n - 1 : n;
    return i < s.length ? s[i] : "";
  }
}
