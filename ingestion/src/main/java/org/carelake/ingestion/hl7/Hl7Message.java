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
  private final Hl7Segment msh;
  /** Where the segments start in {@code text} (after a BOM and blank lines). */
  private final int bodyStart;
  /** Cut on first use: bronze needs only the MSH of each message, silver and the listener the rest. */
  private List<Hl7Segment> segments;
  private transient Hl7Header header;

  private Hl7Message(String text, Hl7Encoding encoding, Hl7Segment msh, int bodyStart) {
    this.text = text;
    this.encoding = encoding;
    this.msh = msh;
    this.bodyStart = bodyStart;
  }

  /**
   * Parses a message that starts with MSH.
   *
   * @throws Hl7FormatException if it does not start with MSH or its delimiters are unusable
   */
  public static Hl7Message parse(String text) {
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
      i++;
    }
    if (!text.startsWith("MSH", i)) {
      throw new Hl7FormatException(Hl7Reject.NO_MESSAGE_HEADER, "the message does not start with an MSH segment");
    }
    String mshText = text.substring(i, lineEnd(text, i));
    Hl7Encoding enc = Hl7Encoding.of(mshText);
    return new Hl7Message(text, enc, new Hl7Segment(mshText, enc), i);
  }

  private List<Hl7Segment> cut() {
    List<Hl7Segment> segs = new ArrayList<>();
    segs.add(msh);
    int i = lineEnd(text, bodyStart) + 1;
    while (i < text.length()) {
      int end = lineEnd(text, i);
      if (end > i) {
        segs.add(new Hl7Segment(text.substring(i, end), encoding));
      }
      i = end + 1;
    }
    return Collections.unmodifiableList(segs);
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
    if (segments == null) {
      segments = cut();
    }
    return segments;
  }

  public Hl7Segment msh() {
    return msh;
  }

  /** All segments with this name, in order. */
  public List<Hl7Segment> all(String name) {
    List<Hl7Segment> out = new ArrayList<>();
    for (Hl7Segment s : segments()) {
      if (s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The first segment with this name, or null. */
  public Hl7Segment first(String name) {
    for (Hl7Segment s : segments()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The parsed header fields. */
  public Hl7Header header() {
    if (header == null) {
      header = Hl7Header.of(msh);
    }
    return header;
  }
}
