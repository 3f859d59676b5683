package org.carelake.synth;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code carelake synth hl7}: derives from a synthetic FHIR population the HL7 v2 feeds other systems would send about
 * the same people (a reference lab, a hospital ADT system, a pharmacy, an immunization registry), with the answer key
 * of who is who and the lab's code map. The same input and options give the same bytes on every run.
 *
 * <p>Output: {@code lab/lab.hl7} (ORU^R01), {@code lab/concept-map.json}, {@code adt/adt.hl7} (A01/A03/A04/A08/A40),
 * {@code pharmacy/pharmacy.hl7} (RDE^O11), {@code registry/registry.hl7} (VXU^V04), {@code answer-key.csv}; with
 * MLLP framing the feeds end in {@code .mllp}.
 */
public final class Hl7FeedSynthesizer {
  public static final String ANSWER_KEY = "answer-key.csv";
  public static final String CONCEPT_MAP = "lab/concept-map.json";

  /** One written feed: its name, file, message count, and count per message type. */
  public record FeedSummary(String feed, Path file, int messages, Map<String, Integer> byType) {}

  /**
   * What a run wrote.
   *
   * @param labVariations lab patients registered with variations, by Synthea Patient id, with what varies
   * @param unreadableLines input lines skipped as not JSON resources
   */
  public record Report(List<FeedSummary> feeds, int answerKeyRows, int localCodes, int localOnlyCodes,
      SortedMap<String, List<String>> labVariations, int adtUpdates, int adtMerges, long unreadableLines) {}

  private final SynthOptions options;

  public Hl7FeedSynthesizer(SynthOptions options) {
    this.options = options;
  }

  public Report run(Path fhirDir, Path outDir) throws IOException {
    FhirExportReader reader = new FhirExportReader();
    Population pop = reader.read(fhirDir);
    SeededHash hash = new SeededHash(options.seed());

    LabFeed.Result lab = new LabFeed(pop, hash, options, ReferenceRanges.load()).build();
    AdtFeed.Result adt = new AdtFeed(pop, hash, options).build();
    FeedMessages pharmacy = new PharmacyFeed(pop, hash).build();
    FeedMessages registry = new RegistryFeed(pop, hash).build();

    Files.createDirectories(outDir);
    List<FeedSummary> feeds = new ArrayList<>();
    List<FeedMessages> all = List.of(lab.feed(), adt.feed(), pharmacy, registry);
    for (FeedMessages f : all) {
      FeedWriter.Written w = new FeedWriter(f.sender(), options.mllp()).write(outDir, f.messages());
      feeds.add(new FeedSummary(f.sender().feed(), w.file(), w.messages(), w.byType()));
    }
    writeConceptMap(lab.catalog(), outDir.resolve(CONCEPT_MAP));
    int rows = writeAnswerKey(all, outDir.resolve(ANSWER_KEY));

    SortedMap<String, List<String>> variations = new TreeMap<>();
    lab.variations().forEach((id, kinds) -> variations.put(id, kinds.stream().map(Enum::name).toList()));
    return new Report(List.copyOf(feeds), rows, lab.catalog().tests().size(), lab.catalog().localOnlyCodes().size(),
        variations, adt.updated().size(), adt.merged().size(), reader.unreadableLines());
  }

  private static void writeConceptMap(LabCatalog catalog, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    // LF line ends on every platform: the same bytes everywhere.
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)).withObjectIndenter(lf).withArrayIndenter(lf);
    Files.createDirectories(file.getParent());
    String json = mapper.writer(pretty).writeValueAsString(catalog.conceptMap(mapper)) + "\n";
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  /** {@code source_system,source_patient_id,person_key}: the feed name, the id it sent, the Synthea Patient id. */
  private static int writeAnswerKey(List<FeedMessages> feeds, Path file) throws IOException {
    List<FeedMessages> sorted = new ArrayList<>(feeds);
    sorted.sort((a, b) -> a.sender().feed().compareTo(b.sender().feed()));
    StringBuilder b = new StringBuilder("source_system,source_patient_id,person_key\n");
    int rows = 0;
    for (FeedMessages f : sorted) {
      for (Map.Entry<String, String> e : f.patientIds().entrySet()) {
        b.append(csv(f.sender().feed())).append(',').append(csv(e.getKey())).append(',').append(csv(e.getValue()))
            .append('\n');
        rows++;
      }
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return rows;
  }

  private static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
