package org.carelake.ingestion.fhir.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the OperationOutcomes of a manifest's error files, so the summary can say what the server could not export. */
final class ExportErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The count of outcomes and the first {@code limit} of their texts. */
  record Found(long count, List<String> texts) {}

  private ExportErrors() {}

  static Found read(ExportJobStore store, ExportJob job, int limit) {
    long count = 0;
    List<String> texts = new ArrayList<>();
    for (ExportFile f : job.files()) {
      if (!f.role().equals(ExportFile.ERROR)) {
        continue;
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(store.open(store.stored(job, f)),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          count++;
          if (texts.size() < limit) {
            texts.add(text(line));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the error file " + f.name() + " of export job " + job.id(), e);
      }
    }
    return new Found(count, texts);
  }

  private static String text(String line) {
    try {
      JsonNode n = MAPPER.readTree(line);
      String t = n != null && "OperationOutcome".equals(n.path("resourceType").asText()) ? OperationOutcomeText.of(n)
          : null;
      return t == null || t.isEmpty() ? OperationOutcomeText.of(line) : t;
    } catch (IOException e) {
      return OperationOutcomeText.of(line);
    }
  }
}
