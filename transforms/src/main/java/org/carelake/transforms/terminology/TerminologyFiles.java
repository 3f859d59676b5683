package org.carelake.transforms.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads terminology files: FHIR JSON (a ValueSet, CodeSystem or ConceptMap, or a Bundle of them), NDJSON (one such
 * resource per line), and delimited text, tab- or comma-separated with a header row: value set expansions
 * ({@code valueset_oid valueset_name version system code display}, the eCQM layout) or concept maps
 * ({@code [map_url,] source_system,source_code,source_display,target_system,target_code,target_display,equivalence}).
 * See {@link FhirTerminology} and {@link DelimitedTerminology} for the details of each.
 *
 * <p>The format comes from the name ({@code .ndjson}/{@code .jsonl}, {@code .json}) and otherwise from the content:
 * JSON when it starts with '{' (NDJSON when its first line is a whole resource and more lines follow), else
 * delimited, by tabs when the header line has one, else by commas (RFC 4180 quoting; tab-separated text has none).
 */
public final class TerminologyFiles {
  private TerminologyFiles() {}

  /**
   * Reads one file (UTF-8); the name labels errors and warnings and helps tell the format.
   *
   * @throws TerminologyFileException for malformed content or resources other than terminology ones; the message
   *     names the file, the line when known, and the problem
   */
  public static TerminologyContent read(String name, InputStream in) {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read", e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new TerminologyFileException(name, "empty file");
    }
    ContentBuilder out = new ContentBuilder();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
      FhirTerminology.readNdjson(name, text, out);
    } else if (lower.endsWith(".json")) {
      FhirTerminology.readJson(name, text, out);
    } else if (text.stripLeading().startsWith("{")) {
      if (FhirTerminology.looksLikeNdjson(text)) {
        FhirTerminology.readNdjson(name, text, out);
      } else {
        FhirTerminology.readJson(name, text, out);
      }
    } else {
      DelimitedTerminology.read(name, text, out);
    }
    return out.build();
  }
}
