package org.carelake.ingestion.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.carelake.core.Utf8;

/**
 * Cuts an HL7 v2 byte stream into messages in one pass: a single message, a stream of messages, FHS/BHS batches, or
 * MLLP-framed captures ({@code 0x0B message 0x1C 0x0D}), with CR, LF or CRLF terminators and a UTF-8 BOM. Each input
 * byte that belongs to a segment ends in exactly one unit: an accepted message or a reject (see {@link Hl7Reject}).
 *
 * <p>Envelope segments (FHS, BHS, BTS, FTS) end the message before them and are checked like python-hl7 does: a
 * second BHS inside an open batch or a second FHS in a file is a reject of its own, and the message it cut short
 * is rejected too, since it may be missing segments. Messages completed before the error stay accepted.
 */
public final class Hl7Splitter {
  private static final int EXCERPT = 256;
  private final long maxMessageBytes;
  private final Consumer<Hl7Unit> out;

  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  private long pos;
  private long line = 1;
  private boolean inFrame;
  private boolean first = true;
  private boolean done;
  private boolean fhsOpen;
  private boolean bhsOpen;

  // the unit being built
  private boolean open;
  private final ByteRun cur = new ByteRun(1024);
  private long curStart;
  private long curLine;
  private long curLength;
  private boolean curOrphan;
  private String curFirstSegment;
  private Hl7Reject curReject;
  private String curDetail;
  private final ByteRun raw = new ByteRun(1024);
  private final ByteRun pendingRaw = new ByteRun(64);

  private final ByteRun seg = new ByteRun(256);

  public Hl7Splitter(long maxMessageBytes, Consumer<Hl7Unit> out) {
    this.maxMessageBytes = maxMessageBytes;
    this.out = out;
  }

  /** Splits the whole stream, calling the consumer once per unit in input order. */
  public void split(InputStream in) throws IOException {
    while (step(in)) {
      // each step reads one segment
    }
  }

  /**
   * Reads one segment, calling the consumer for each unit it completes; false once the input is exhausted (the last
   * unit has then been emitted). Lets a caller pull units one at a time instead of holding a whole file's.
   */
  public boolean step(InputStream in) throws IOException {
    if (done) {
      return false;
    }
    long segStart = pos;
    long segLine = line;
    seg.reset();
    int term = readSegment(in);
    if (first) {
      first = false;
      byte[] b = seg.toByteArray();
      if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
        seg.reset();
        seg.write(b, 3, b.length - 3);
        segStart += 3;
      }
    }
    onSegment(segStart, segLine, term);
    if (term == -1) {
      finish(inFrame ? Hl7Reject.INCOMPLETE_FRAME : null,
          inFrame ? "MLLP frame started but the input ended before its end block (0x1C)" : null);
      done = true;
      return false;
    }
    return true;
  }

  /** Reads bytes up to a terminator; returns it ('\r', '\n', 0x0B, 0x1C) or -1 at the end of the input. */
  private int readSegment(InputStream in) throws IOException {
    while (true) {
      if (!fill(in)) {
        return -1;
      }
      int start = bufPos;
      while (bufPos < bufLen) {
        byte b = buf[bufPos];
        if (b == '\r' || b == '\n' || b == 0x0B || b == 0x1C) {
          seg.write(buf, start, bufPos - start);
          pos += bufPos - start + 1;
          bufPos++;
          if (b == '\n') {
            line++;
          } else if (b == '\r') {
            if (peek(in) == '\n') {
              bufPos++;
              pos++;
            }
            line++;
            return '\r';
          }
          return b;
        }
        bufPos++;
      }
      seg.write(buf, start, bufPos - start);
      pos += bufPos - start;
    }
  }

  private int peek(InputStream in) throws IOException {
    return fill(in) ? buf[bufPos] : -1;
  }

  /** Makes sure a byte is buffered; false at the end of the input. */
  private boolean fill(InputStream in) throws IOException {
    if (bufPos < bufLen) {
      return true;
    }
    bufLen = Math.max(0, in.read(buf));
    bufPos = 0;
    return bufLen > 0;
  }

  private void onSegment(long start, long segLine, int term) {
    long end = pos;
    byte[] b = seg.array();
    int len = seg.size();
    String name = name(b, len);
    if (name == null) {
      // blank line: belongs to the message only if another of its segments follows
      if (open) {
        pendingRaw.write(b, 0, len);
        writeTerminator(pendingRaw, term, end - start - len);
      }
    } else {
      switch (name) {
        case "MSH" -> {
          finish(null, null);
          begin(start, segLine, false, name);
        }
        case "FHS", "BHS" -> envelopeStart(name, start, segLine, Arrays.copyOf(b, len), end);
        case "BTS" -> {
          finish(null, null);
          bhsOpen = false;
        }
        case "FTS" -> {
          finish(null, null);
          bhsOpen = false;
          fhsOpen = false;
        }
        default -> {
          if (!open) {
            begin(start, segLine, true, name);
          }
        }
      }
      if (open) {
        append(b, len, term, end - start - len, start);
      }
    }
    if (term == 0x0B) {
      // a start block inside an open frame: the frame before it never ended
      finish(inFrame ? Hl7Reject.INCOMPLETE_FRAME : null,
          "MLLP frame cut short: a new start block (0x0B) came before its end block (0x1C)");
      inFrame = true;
    } else if (term == 0x1C) {
      finish(null, null);
      inFrame = false;
    }
  }

  private void envelopeStart(String name, long start, long segLine, byte[] b, long end) {
    boolean again = name.equals("FHS") ? fhsOpen : bhsOpen;
    String problem = name.equals("FHS") ? "File cannot have more than one FHS segment"
        : "Batch cannot have more than one BHS segment";
    if (!again) {
      finish(null, null);
      if (name.equals("FHS")) {
        fhsOpen = true;
      } else {
        bhsOpen = true;
      }
      return;
    }
    finish(open && !curOrphan ? Hl7Reject.BAD_ENVELOPE : null,
        problem + " (a second " + name + " at line " + segLine + " cut this message short)");
    String text = new String(b, StandardCharsets.ISO_8859_1);
    out.accept(new Hl7Unit(start, end - start, segLine, null, null, Hl7Reject.BAD_ENVELOPE,
        problem + " (line " + segLine + ")", excerpt(text)));
  }

  private void begin(long start, long segLine, boolean orphan, String firstSegment) {
    open = true;
    cur.reset();
    curStart = start;
    curLine = segLine;
    curLength = 0;
    curOrphan = orphan;
    curFirstSegment = firstSegment;
    curReject = null;
    curDetail = null;
    raw.reset();
    pendingRaw.reset();
  }

  /**
   * Adds a segment: verbatim (with its own terminator and any blank lines before it) to the message text, and
   * joined by CR to the normal form the content hash is computed over, so that the same message sent with other
   * line endings is recognised as the same.
   */
  private void append(byte[] b, int len, int term, long terminatorBytes, long start) {
    long length = start - curStart + len + (term == 0x0B || term == 0x1C ? 0 : terminatorBytes);
    if (cur.size() + len + 1 > maxMessageBytes) {
      curLength = length;
      if (curReject == null) {
        curReject = Hl7Reject.MESSAGE_TOO_LONG;
        curDetail = "message longer than " + maxMessageBytes + " bytes";
      }
      return;
    }
    curLength = length;
    raw.write(pendingRaw.array(), 0, pendingRaw.size());
    pendingRaw.reset();
    raw.write(b, 0, len);
    writeTerminator(raw, term, terminatorBytes);
    cur.write(b, 0, len);
    cur.write('\r');
  }

  private static void writeTerminator(ByteRun to, int term, long bytes) {
    if (term == '\n') {
      to.write('\n');
    } else if (term == '\r') {
      to.write('\r');
      if (bytes == 2) {
        to.write('\n');
      }
    }
  }

  private void finish(Hl7Reject forced, String forcedDetail) {
    if (!open) {
      return;
    }
    byte[] bytes = raw.toByteArray();
    byte[] normal = cur.toByteArray();
    Hl7Reject reject = curReject;
    String detail = curDetail;
    if (reject == null && forced != null) {
      reject = forced;
      detail = forcedDetail;
    }
    if (reject == null && curOrphan) {
      reject = Hl7Reject.NO_MESSAGE_HEADER;
      detail = "Segment received before message header (" + curFirstSegment + " at line " + curLine + ", no MSH before it)";
    }
    Hl7Message msg = null;
    String text = null;
    if (reject == null) {
      try {
        text = decode(bytes);
        msg = Hl7Message.parse(text);
        if (msg.header().messageType() == null) {
          throw new Hl7FormatException(Hl7Reject.MISSING_MESSAGE_TYPE, "MSH-9 (message type) is empty");
        }
      } catch (Hl7FormatException e) {
        reject = e.reason();
        detail = e.getMessage();
        msg = null;
      }
    }
    if (text == null) {
      text = new String(bytes, 0, Math.min(bytes.length, EXCERPT * 4), StandardCharsets.ISO_8859_1);
    }
    out.accept(new Hl7Unit(curStart, curLength, curLine, msg, reject == null ? normal : null, reject, reject == null ? null : detail + " at line "
        + curLine, reject == null ? text : excerpt(text)));
    open = false;
  }

  /** UTF-8 when valid; otherwise the Latin-1 most v2 feeds use, unless MSH-18 promised Unicode. */
  private static String decode(byte[] bytes) {
    if (Utf8.isValid(bytes, 0, bytes.length)) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
    try {
      Hl7Message m = Hl7Message.parse(latin);
      String cs = m.header().charset();
      if (cs != null && cs.toUpperCase(java.util.Locale.ROOT).contains("UNICODE")) {
        throw new Hl7FormatException(Hl7Reject.INVALID_ENCODING,
            "MSH-18 declares " + cs + " but the bytes are not valid UTF-8");
      }
    } catch (Hl7FormatException inner) {
      if (inner.reason() == Hl7Reject.INVALID_ENCODING) {
        throw inner;
      }
    }
    return latin;
  }

  private static String name(byte[] b, int len) {
    int i = 0;
    while (i < len && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (i == len) {
      return null;
    }
    if (len - i < 3) {
      return new String(b, i, len - i, StandardCharsets.ISO_8859_1);
    }
    return new String(b, i, 3, StandardCharsets.ISO_8859_1);
  }

  static String excerpt(String text) {
    String s = text.length() > EXCERPT ? text.substring(0, EXCERPT) : text;
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c < 0x20) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
