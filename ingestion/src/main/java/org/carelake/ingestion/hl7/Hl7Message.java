package org.carelake.ingestion.hl7;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed HL7 v2 message: its segments in order, under the delimiters of its own MSH. Segment terminators may be
 * CR, LF or CRLF, mixed; blank lines are ignored. Z-segments and unknown segments are kept like any other.
 */
public final class Hl7Message implements Serializable {
  private final String text;
  private final Hl7Encoding encoding;
  private final List<Hl7Segment> segments;

  private Hl7Message(String text, Hl7Encoding encoding, List<Hl7Segment> segments) {
    this.text = text;
    this.encoding = encoding;
    this.segments = segments;
  }

  /**
   * Parses a message that starts with MSH.
   *
   * @throws Hl7FormatException if it does not start with MSH or its delimiters are unusable
   */
  public static Hl7Message parse(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int i = 0;
    while (i < body.length() && (body.charAt(i) == '\r' || body.charAt(i) == '\n')) {
      i++;
    }
    if (!body.startsWith("MSH", i)) {
      throw new Hl7FormatException(Hl7Reject.NO_MESSAGE_HEADER, "the message does not start with an MSH segment");
    }
    Hl7Encoding enc = Hl7Encoding.of(body.substring(i, lineEnd(body, i)));
    List<Hl7Segment> segs = new ArrayList<>();
    while (i < body.length()) {
      int end = lineEnd(body, i);
      if (end > i) {
        segs.add(new Hl7Segment(body.substring(i, end), enc));
      }
      i = end + 1;
    }
    return new Hl7Message(text, enc, Collections.unmodifiableList(segs));
  }

  private static int lineEnd(String s, int from) {
    for (int j = from; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\r' || c == '\n') {
        return j;
      }
    }
    return s.length();
  }

  public String text() {
    return text;
  }

  public Hl7Encoding encoding() {
    return encoding;
  }

  public List<Hl7Segment> segments() {
    return segments;
  }

  public Hl7Segment msh() {
    return segments.get(0);
  }

  /** All segments with this name, in order. */
  public List<Hl7Segment> all(String name) {
    List<Hl7Segment> out = new ArrayList<>();
    for (Hl7Segment s : segments) {
      if (s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The first segment with this name, or null. */
  public Hl7Segment first(String name) {
    for (Hl7Segment s : segments) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The parsed header fields. */
  public Hl7Header header() {
    return Hl7Header.of(msh());
  }
}
