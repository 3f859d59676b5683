package org.carelake.ingestion.hl7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The splitter over the reference corpus (copied in from reference/hl7v2, see PROVENANCE.md) and edge cases. */
class Hl7SplitterTest {
  static final Path CORPUS = Path.of("src/test/resources/hl7v2/messages");

  static List<Hl7Unit> split(byte[] bytes) throws IOException {
    List<Hl7Unit> out = new ArrayList<>();
    new Hl7Splitter(1 << 20, out::add).split(new ByteArrayInputStream(bytes));
    return out;
  }

  static List<Hl7Unit> split(String text) throws IOException {
    return split(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<Path> corpus() throws IOException {
    try (Stream<Path> s = Files.walk(CORPUS)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void pythonHl7BadInputsAreRejectedWithTheirDocumentedErrors() throws IOException {
    Map<String, String> expected = Map.of(
        "sample_bad_batch.hl7", "Segment received before message header",
        "sample_bad_batch1.hl7", "Batch cannot have more than one BHS segment",
        "sample_bad_file.hl7", "Segment received before message header",
        "sample_bad_file1.hl7", "Batch cannot have more than one BHS segment",
        "sample_bad_file2.hl7", "File cannot have more than one FHS segment",
        "sample_bad_file3.hl7", "Segment received before message header");
    for (var e : expected.entrySet()) {
      List<Hl7Unit> units = split(Files.readAllBytes(CORPUS.resolve("python-hl7-samples").resolve(e.getKey())));
      assertTrue(units.stream().noneMatch(Hl7Unit::accepted), e.getKey() + ": nothing in it is a whole valid message");
      assertTrue(units.stream().anyMatch(u -> u.detail().startsWith(e.getValue())),
          e.getKey() + " says: " + e.getValue() + "; got " + units.stream().map(Hl7Unit::detail).toList());
    }
  }

  @Test
  void validBatchAndFileEnvelopesGiveTheirMessagesAndNoRejects() throws IOException {
    try (Stream<Path> s = Files.list(CORPUS.resolve("python-hl7-samples"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("sample_(batch|file)\\d*\\.hl7")).toList()) {
        List<Hl7Unit> units = split(Files.readAllBytes(p));
        assertTrue(units.stream().allMatch(Hl7Unit::accepted), p + ": " + units);
        long msh = Arrays.stream(Files.readString(p).split("[\r\n]+")).filter(l -> l.startsWith("MSH")).count();
        assertEquals(msh, units.size(), p + ": one message per MSH");
      }
    }
  }

  @Test
  void everyCorpusFileSplitsIntoUnitsThatCoverItsMessagesAndAgreeWithHapi() throws Exception {
    HapiContext hapi = new DefaultHapiContext(new GenericModelClassFactory());
    hapi.setValidationContext(new NoValidation());
    hapi.getParserConfiguration().setAllowUnknownVersions(true);
    PipeParser parser = hapi.getPipeParser();
    int accepted = 0;
    int crossChecked = 0;
    for (Path p : corpus()) {
      byte[] bytes = Files.readAllBytes(p);
      List<Hl7Unit> units = split(bytes);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      long msh = Arrays.stream(text.split("[\r\n\u000b\u001c]+")).filter(l -> l.startsWith("MSH")).count();
      long withMsh = units.stream().filter(u -> u.accepted() || u.excerpt().startsWith("MSH")).count();
      assertEquals(msh, withMsh, p + ": every MSH starts exactly one unit");
      for (Hl7Unit u : units) {
        if (!u.accepted()) {
          assertNotNull(u.reject(), p.toString());
          continue;
        }
        accepted++;
        Hl7Header h = u.message().header();
        assertNotNull(h.messageType(), p + " line " + u.line());
        // The unit's bytes in the file are the message, verbatim.
        String original = new String(bytes, (int) u.byteOffset(), (int) u.length(), StandardCharsets.UTF_8);
        assertEquals(u.message().text(), original.startsWith("\uFEFF") ? original.substring(1) : original, p.toString());
        Message m;
        try {
          m = parser.parse(u.message().text().replace("\r\n", "\r").replace('\n', '\r'));
        } catch (Exception e) {
          continue; // HAPI is stricter (e.g. v2.1 without structures); ours must still read the header
        }
        Terser t = new Terser(m);
        assertEquals(nullToEmpty(t.get("/MSH-10")), nullToEmpty(h.controlId()), p + " MSH-10");
        assertEquals(nullToEmpty(t.get("/MSH-9-1")), nullToEmpty(h.messageType()), p + " MSH-9-1");
        assertEquals(nullToEmpty(t.get("/MSH-9-2")), nullToEmpty(h.triggerEvent()), p + " MSH-9-2");
        assertEquals(nullToEmpty(t.get("/MSH-4-1")), nullToEmpty(u.message().msh().get(4, 1)), p + " MSH-4-1");
        crossChecked++;
      }
    }
    assertTrue(accepted > 340, "accepted " + accepted);
    assertTrue(crossChecked > accepted * 3 / 4, "HAPI read " + crossChecked + " of " + accepted);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Test
  void guideTextIsNotHl7AndEveryPartOfItIsQuarantined() throws IOException {
    List<Hl7Unit> units = split(Files.readAllBytes(CORPUS.resolve("hapi-hl7v2/guide.txt")));
    assertTrue(units.stream().noneMatch(Hl7Unit::accepted));
    // its "MSH MSH:9,12" lines look like headers with a space as field separator
    assertTrue(units.stream().allMatch(u -> u.reject() == Hl7Reject.NO_MESSAGE_HEADER
        || u.reject() == Hl7Reject.BAD_SEPARATORS), units.toString());
    assertTrue(units.stream().anyMatch(u -> u.reject() == Hl7Reject.BAD_SEPARATORS));
  }

  @Test
  void lineEndingsBomAndMllpFramingDoNotChangeTheMessage() throws IOException {
    String cr = "MSH|^~\\&|LAB|FAC|EHR|HOSP|20240102030405||ORU^R01^ORU_R01|C1|P|2.5.1\rPID|1||123^^^LAB^MR||Doe^Jane\r"
        + "OBX|1|NM|2345-7^Glucose^LN||95|mg/dL\r";
    List<Hl7Unit> a = split(cr);
    List<Hl7Unit> b = split("\uFEFF" + cr.replace("\r", "\r\n"));
    List<Hl7Unit> c = split(cr.replace("\r", "\n") + "\n\n");
    List<Hl7Unit> d = split("\u000b" + cr + "\u001c\r\u000b" + cr.replace("C1", "C2") + "\u001c\r");
    assertEquals(1, a.size());
    assertEquals(1, b.size());
    assertEquals(1, c.size());
    assertEquals(2, d.size());
    assertArrayEquals(a.get(0).normalForm(), b.get(0).normalForm());
    assertArrayEquals(a.get(0).normalForm(), c.get(0).normalForm());
    assertArrayEquals(a.get(0).normalForm(), d.get(0).normalForm());
    assertEquals("C2", d.get(1).message().header().controlId());
    assertEquals(3, b.get(0).message().segments().size());
    assertEquals(cr.replace("\r", "\r\n"), b.get(0).message().text(), "verbatim, terminators included");
  }

  @Test
  void anMllpFrameCutShortIsQuarantinedAndTheWholeOnesAreNot() throws IOException {
    String msg = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|X1|P|2.5\rPID|1||9^^^H^MR\r";
    List<Hl7Unit> units = split("\u000b" + msg + "\u001c\r\u000b" + msg.replace("X1", "X2").substring(0, 40));
    assertEquals(2, units.size());
    assertTrue(units.get(0).accepted());
    assertEquals(Hl7Reject.INCOMPLETE_FRAME, units.get(1).reject());
  }

  @Test
  void delimitersComeFromMshAndEscapesAndRepetitionsDecode() throws IOException {
    String text = "MSH#*%$@#A#B#C#D#20240101120000+0200##ADT*A08#9#P#2.4\rPID#1##7***H*MR%8***X*SS##Smith$F$Jones*Ann\r"
        + "ZZZ#custom\r";
    Hl7Message m = split(text).get(0).message();
    assertEquals('#', m.encoding().field());
    assertEquals("ADT", m.header().messageType());
    assertEquals("A08", m.header().triggerEvent());
    Hl7Segment pid = m.first("PID");
    assertEquals(2, pid.repetitions(3).size());
    assertEquals("8", pid.repetitions(3).get(1).get(1));
    assertEquals("SS", pid.repetitions(3).get(1).get(5));
    assertEquals("H", pid.get(3, 4));
    assertEquals("Smith$F$Jones", pid.field(5).raw().split("\\*")[0]);
    assertEquals("Smith#Jones", pid.get(5, 1, 1), "escape of the field separator (here '#')");
    assertEquals("Ann", pid.get(5, 2));
    assertNotNull(m.first("ZZZ"), "Z-segments are kept");
    assertEquals("2024-01-01T10:00:00Z", Hl7Time.instant(m.header().messageTime(), java.time.ZoneOffset.UTC).toString());
  }

  @Test
  void fiveEncodingCharactersAndPaddedVersionAreRead() throws IOException {
    Hl7Message orm = split(Files.readAllBytes(CORPUS.resolve("hl7-v2-to-fhir-samples/ORM_O01.hl7"))).get(0).message();
    assertEquals('&', orm.encoding().subcomponent());
    assertEquals("ORM", orm.header().messageType());
    Path vxu;
    try (Stream<Path> s = Files.list(CORPUS.resolve("linuxforhealth-inline"))) {
      vxu = s.filter(p -> p.getFileName().toString().startsWith("SegmentUtilTest__test_VUX_no_rep")).findFirst().orElseThrow();
    }
    assertEquals("2.5.1", split(Files.readAllBytes(vxu)).get(0).message().header().version());
  }

  @Test
  void badSeparatorsAndMissingTypeAreRejectedWithReasons() throws IOException {
    assertEquals(Hl7Reject.BAD_SEPARATORS, split("MSHA^~\\&|x\r").get(0).reject());
    assertEquals(Hl7Reject.BAD_SEPARATORS, split("MSH|^^\\&|A|B\r").get(0).reject());
    Hl7Unit noType = split("MSH|^~\\&|A|B|C|D|20240101||||P|2.5\r").get(0);
    assertEquals(Hl7Reject.MISSING_MESSAGE_TYPE, noType.reject());
    assertTrue(noType.detail().contains("MSH-9"));
    assertNull(noType.message());
  }

  @Test
  void latin1BytesAreReadUnlessTheHeaderPromisedUnicode() throws IOException {
    byte[] latin = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||1||M\u00fcller\r".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("M\u00fcller", split(latin).get(0).message().first("PID").get(5));
    byte[] lying = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||UNICODE UTF-8\rPID|1||1||M\u00fcller\r"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Hl7Reject.INVALID_ENCODING, split(lying).get(0).reject());
  }

  static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
