package org.carelake.ingestion.hl7.mllp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Encoding;
import org.carelake.ingestion.hl7.Hl7FormatException;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Reject;
import org.carelake.ingestion.hl7.Hl7Segment;
import org.carelake.ingestion.hl7.Hl7Splitter;
import org.carelake.ingestion.hl7.Hl7Unit;

/**
 * What the listener answers about one frame. The frame is judged by {@link Hl7Splitter}, the same code the batch
 * ingest cuts landing files with, so a message acknowledged AA is one bronze accepts, and a rejected one is one it
 * quarantines under the reason the ERR segment names.
 *
 * @param outcome accept, error (AE/CE) or reject (AR/CR)
 * @param msh the message's header segment, or null when none could be read (the reply then uses default delimiters)
 * @param encoding the delimiters of {@code msh}
 * @param reason the quarantine reason of a rejected frame; null when accepted or when the reason is not one
 * @param detail the problem, for ERR-8 / MSA-3; null when accepted
 * @param land whether the frame goes to the landing file (all frames do, except over-long and NUL-holding ones)
 * @param charset how the reply is encoded: as the message was (UTF-8 when valid, else ISO-8859-1)
 */
record MllpVerdict(Outcome outcome, Hl7Segment msh, Hl7Encoding encoding, Hl7Reject reason, String detail,
    boolean land, Charset charset) {

  enum Outcome { ACCEPT, ERROR, REJECT }

  static MllpVerdict of(MllpFrame frame, int maxPayloadBytes) {
    byte[] b = frame.bytes();
    int off = 1;
    int len = frame.payloadLength();
    Charset cs = charset(b, off, len);
    if (frame.tooLong()) {
      return reject(Outcome.ERROR, Hl7Reject.MESSAGE_TOO_LONG, "message of " + frame.receivedBytes()
          + " bytes is longer than this listener's limit of " + maxPayloadBytes + " bytes; it was not stored", b, off,
          len, false, cs);
    }
    int nul = nulOffset(frame);
    if (nul >= 0) {
      // NUL marks a torn tail to landing recovery, so a frame holding one is never landed.
      return reject(Outcome.ERROR, Hl7Reject.INVALID_ENCODING, "NUL byte at offset " + nul
          + " of the message: HL7 v2 text holds none; it was not stored", b, off, len, false, cs);
    }
    MllpVerdict fast = plainMessage(b, off, len, maxPayloadBytes, cs);
    return fast != null ? fast : bySplitter(b, off, len, maxPayloadBytes, cs);
  }

  /** The verdict of the splitter itself, with the precise reason of a problem. */
  static MllpVerdict bySplitter(byte[] b, int off, int len, int maxPayloadBytes, Charset cs) {
    List<Hl7Unit> units = new ArrayList<>(1);
    try {
      new Hl7Splitter(maxPayloadBytes, units::add).split(new ByteArrayInputStream(b, off, len));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (units.size() == 1 && units.get(0).accepted()) {
      Hl7Message m = units.get(0).message();
      return new MllpVerdict(Outcome.ACCEPT, m.msh(), m.encoding(), null, null, true, cs);
    }
    if (units.isEmpty()) {
      return reject(Outcome.REJECT, Hl7Reject.NO_MESSAGE_HEADER, "the message is empty", b, off, len, true, cs);
    }
    for (Hl7Unit u : units) {
      if (!u.accepted()) {
        return reject(outcomeOf(u.reject()), u.reject(), u.detail(), b, off, len, true, cs);
      }
    }
    // Every part is a message of its own: the batch ingest will take them all, but one ACK cannot answer them.
    Hl7Message first = units.get(0).message();
    return new MllpVerdict(Outcome.ERROR, first.msh(), first.encoding(), null, "the frame holds " + units.size()
        + " messages; MLLP carries one message per frame", true, cs);
  }

  /** Whether the frame may be landed: whole, and without NUL bytes (those mark a torn tail to recovery). */
  static boolean landable(MllpFrame frame) {
    return !frame.tooLong() && nulOffset(frame) < 0;
  }

  /** Offset of the first NUL byte in the message, or -1. */
  private static int nulOffset(MllpFrame frame) {
    byte[] b = frame.bytes();
    for (int i = 1; i <= frame.payloadLength(); i++) {
      if (b[i] == 0) {
        return i - 1;
      }
    }
    return -1;
  }

  /**
   * The splitter's verdict, without running it, for the common frame: valid UTF-8 that starts with an MSH with usable
   * delimiters and a message type, and holds no other MSH and no batch envelope segment (FHS, BHS, BTS, FTS), named
   * as the splitter names segments. Such a frame is exactly one accepted message to the splitter. Null for any other
   * frame, which then goes through the splitter for the precise reason.
   */
  static MllpVerdict plainMessage(byte[] b, int off, int len, int maxPayloadBytes, Charset cs) {
    int end = off + len;
    if (cs != StandardCharsets.UTF_8 || len < 4 || len >= maxPayloadBytes || b[off] != 'M' || b[off + 1] != 'S'
        || b[off + 2] != 'H') {
      return null;
    }
    int mshEnd = off;
    while (mshEnd < end && b[mshEnd] != '\r' && b[mshEnd] != '\n') {
      mshEnd++;
    }
    for (int i = mshEnd; i < end; i++) {
      if (b[i] == '\r' || b[i] == '\n') {
        int n = i + 1;
        while (n < end && (b[n] == ' ' || b[n] == '\t')) {
          n++;
        }
        if (n + 3 <= end && startsMessageOrEnvelope(b, n)) {
          return null;
        }
      }
    }
    try {
      Hl7Message m = Hl7Message.parse(new String(b, off, mshEnd - off, StandardCharsets.UTF_8));
      if (m.header().messageType() == null) {
        return null;
      }
      return new MllpVerdict(Outcome.ACCEPT, m.msh(), m.encoding(), null, null, true, cs);
    } catch (Hl7FormatException e) {
      return null;
    }
  }

  private static boolean startsMessageOrEnvelope(byte[] b, int i) {
    byte x = b[i];
    byte y = b[i + 1];
    byte z = b[i + 2];
    if (x == 'M') {
      return y == 'S' && z == 'H';
    }
    return (x == 'F' || x == 'B') && ((y == 'H' && z == 'S') || (y == 'T' && z == 'S'));
  }

  /** Problems with the header (not HL7, unroutable) reject; problems with the content are errors. */
  static Outcome outcomeOf(Hl7Reject reason) {
    return switch (reason) {
      case NO_MESSAGE_HEADER, BAD_SEPARATORS, MISSING_MESSAGE_TYPE, BAD_ENVELOPE -> Outcome.REJECT;
      default -> Outcome.ERROR;
    };
  }

  private static MllpVerdict reject(Outcome outcome, Hl7Reject reason, String detail, byte[] b, int off, int len,
      boolean land, Charset cs) {
    Hl7Message header = header(b, off, len, cs);
    return new MllpVerdict(outcome, header == null ? null : header.msh(),
        header == null ? Hl7Encoding.DEFAULT : header.encoding(), reason, detail, land, cs);
  }

  /** The MSH of a message that was not accepted, when its first segment is one with usable delimiters. */
  private static Hl7Message header(byte[] b, int off, int len, Charset cs) {
    int i = off;
    int end = off + len;
    if (len >= 3 && (b[i] & 0xff) == 0xEF && (b[i + 1] & 0xff) == 0xBB && (b[i + 2] & 0xff) == 0xBF) {
      i += 3;
    }
    while (i < end && (b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    int j = i;
    while (j < end && b[j] != '\r' && b[j] != '\n') {
      j++;
    }
    try {
      return Hl7Message.parse(new String(b, i, j - i, cs));
    } catch (Hl7FormatException e) {
      return null;
    }
  }

  /** UTF-8 when the bytes are valid UTF-8 (or ASCII), else ISO-8859-1: the splitter's choice. */
  private static Charset charset(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end && b[i] >= 0) {
      i++;
    }
    if (i == end) {
      return StandardCharsets.UTF_8;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }
}
