package org.carelake.ingestion.fhir;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.carelake.core.Utf8;

/**
 * The fast path of {@link ResourceHeaderParser}: a strict JSON validator over the line's bytes that picks up the
 * header fields on the way, with no tokens, names or strings built for the rest. Strings, most of a FHIR resource's
 * bytes (narratives, base64 attachments), are skipped eight bytes at a time.
 *
 * <p>It answers only what it is sure of: {@code true} when the line is one well-formed JSON object in well-formed
 * UTF-8 (then the header fields are set exactly as Jackson's reading of them would set them), {@code false} for
 * anything it does not read itself (a syntax error, invalid UTF-8, an escape inside a header value, a byte-order mark,
 * deep nesting, a very long number), and the caller then checks the UTF-8, lets Jackson decide and words the error. So it is at least as strict as Jackson: what it accepts,
 * Jackson accepts with the same fields (checked on every test fixture and on mutated lines in the tests).
 */
final class HeaderScanner {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

  /** Deeper documents are left to Jackson, whose limit (2,000) the parser sets. */
  private static final int MAX_DEPTH = 200;
  /** Longer numbers are left to Jackson, whose limit (10,000 digits) the parser sets. */
  private static final int MAX_NUMBER = 1_000;
  private static final int FAIL = -1;

  private static final byte[] RESOURCE_TYPE = bytes("resourceType");
  private static final byte[] ID = bytes("id");
  private static final byte[] META = bytes("meta");
  private static final byte[] VERSION_ID = bytes("versionId");
  private static final byte[] LAST_UPDATED = bytes("lastUpdated");
  private static final byte[] REFERENCE = bytes("reference");
  /** As {@link ResourceHeaderParser}'s patient fields, in the same order of preference. */
  private static final byte[][] PATIENT_FIELDS = {bytes("subject"), bytes("patient"), bytes("beneficiary"),
      bytes("individual")};

  private final byte[] b;
  private final int end;
  /** Where the last string scanned starts and ends (its content, without quotes), and whether it has escapes. */
  private int strStart;
  private int strEnd;
  private boolean strEscaped;
  /** The rank of the patient field read so far (a reference in a preferred field wins). */
  private int patientRank = Integer.MAX_VALUE;
  /** Skips a member's value, whatever its key. */
  private final Member skip = (keyStart, keyEnd, at, depth) -> value(at, depth + 1);

  private HeaderScanner(byte[] b, int end) {
    this.b = b;
    this.end = end;
  }

  /**
   * Reads the line if it is a well-formed JSON object: sets resourceType, id, versionId, lastUpdated and the patient
   * reference. Returns false, with {@code out}'s fields undefined, when Jackson must decide.
   */
  static boolean scan(byte[] buf, int off, int len, ParsedLine out) {
    return new HeaderScanner(buf, off + len).object(off, out);
  }

  private boolean object(int off, ParsedLine out) {
    int i = ws(off);
    if (i >= end || b[i] != '{') {
      return false;
    }
    i = members(i, 0, (kStart, kEnd, at, depth) -> topLevel(kStart, kEnd, at, out));
    return i != FAIL && ws(i) == end;
  }

  /** A top-level member: the header fields are read, the rest skipped. */
  private int topLevel(int kStart, int kEnd, int i, ParsedLine out) {
    if (strEscaped) {
      return FAIL;
    }
    byte v = b[i];
    if (is(kStart, kEnd, RESOURCE_TYPE) || is(kStart, kEnd, ID)) {
      String s = null;
      if (v == '"') {
        i = string(i + 1);
        if (i == FAIL || strEscaped) {
          return FAIL;
        }
        s = text();
      } else {
        i = value(i, 1);
      }
      if (is(kStart, kEnd, ID)) {
        out.id = s;
      } else {
        out.resourceType = s;
      }
      return i;
    }
    if (is(kStart, kEnd, META) && v == '{') {
      return meta(i, out);
    }
    int rank = rank(kStart, kEnd);
    if (rank < patientRank && v == '{') {
      String[] ref = new String[1];
      i = reference(i, ref);
      if (i != FAIL && ref[0] != null && ResourceHeaderParser.isPatientReference(ref[0])) {
        out.patientReference = ref[0];
        patientRank = rank;
      }
      return i;
    }
    return value(i, 1);
  }

  /** meta: versionId and lastUpdated when strings (a later one wins, as in Jackson's reading), the rest skipped. */
  private int meta(int i, ParsedLine out) {
    return members(i, 1, (kStart, kEnd, at, depth) -> {
      if (strEscaped) {
        return FAIL;
      }
      if (b[at] == '"' && (is(kStart, kEnd, VERSION_ID) || is(kStart, kEnd, LAST_UPDATED))) {
        int next = string(at + 1);
        if (next == FAIL || strEscaped) {
          return FAIL;
        }
        if (is(kStart, kEnd, VERSION_ID)) {
          out.versionId = text();
        } else {
          out.lastUpdated = text();
        }
        return next;
      }
      return value(at, depth + 1);
    });
  }

  /** A Reference object's {@code reference} string (the last one, as in Jackson's reading). */
  private int reference(int i, String[] ref) {
    return members(i, 1, (kStart, kEnd, at, depth) -> {
      if (strEscaped) {
        return FAIL;
      }
      if (b[at] == '"' && is(kStart, kEnd, REFERENCE)) {
        int next = string(at + 1);
        if (next == FAIL || strEscaped) {
          return FAIL;
        }
        ref[0] = text();
        return next;
      }
      return value(at, depth + 1);
    });
  }

  /**
   * Reads one member's value at {@code at}, its key's bounds given (and {@link #strEscaped} telling whether the key
   * has escapes); returns the index after the value or FAIL.
   */
  private interface Member {
    int read(int keyStart, int keyEnd, int at, int depth);
  }

  /** An object at {@code i} (its '{'), nested {@code depth} deep, each member's value read by {@code m}. */
  private int members(int i, int depth, Member m) {
    if (depth >= MAX_DEPTH) {
      return FAIL;
    }
    i = ws(i + 1);
    if (i < end && b[i] == '}') {
      return i + 1;
    }
    while (true) {
      i = key(i);
      if (i == FAIL || i >= end) {
        return FAIL;
      }
      i = m.read(strStart, strEnd, i, depth);
      if (i == FAIL) {
        return FAIL;
      }
      i = ws(i);
      if (i >= end) {
        return FAIL;
      }
      if (b[i] == '}') {
        return i + 1;
      }
      if (b[i] != ',') {
        return FAIL;
      }
      i = ws(i + 1);
    }
  }

  /** A member's key and colon at {@code i}; returns the index of its value (whitespace skipped) or FAIL. */
  private int key(int i) {
    if (i >= end || b[i] != '"') {
      return FAIL;
    }
    i = string(i + 1);
    if (i == FAIL) {
      return FAIL;
    }
    i = ws(i);
    if (i >= end || b[i] != ':') {
      return FAIL;
    }
    return ws(i + 1);
  }

  /** Any JSON value at {@code i}; returns the index after it or FAIL. */
  private int value(int i, int depth) {
    if (i >= end) {
      return FAIL;
    }
    switch (b[i]) {
      case '"':
        return string(i + 1);
      case '{':
        return members(i, depth, skip);
      case '[':
        return array(i, depth);
      case 't':
        return literal(i, "true");
      case 'f':
        return literal(i, "false");
      case 'n':
        return literal(i, "null");
      default:
        return number(i);
    }
  }

  private int array(int i, int depth) {
    if (depth >= MAX_DEPTH) {
      return FAIL;
    }
    i = ws(i + 1);
    if (i < end && b[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = value(i, depth + 1);
      if (i == FAIL) {
        return FAIL;
      }
      i = ws(i);
      if (i >= end) {
        return FAIL;
      }
      if (b[i] == ']') {
        return i + 1;
      }
      if (b[i] != ',') {
        return FAIL;
      }
      i = ws(i + 1);
    }
  }

  /**
   * A string's content from {@code i} (after the opening quote); returns the index after the closing quote or FAIL.
   * Control characters must be escaped, escapes must be JSON's and other bytes well-formed UTF-8 (outside strings the
   * scanner accepts ASCII only, so an accepted line is valid UTF-8 throughout).
   */
  private int string(int i) {
    strStart = i;
    strEscaped = false;
    while (true) {
      // Jump to the next byte that needs a look: a quote, a backslash, a control character or a non-ASCII byte. The
      // lowest flagged byte of each test is exact (borrows only flag bytes above a true one), so of their union too.
      while (i + 8 <= end) {
        long w = (long) LONGS.get(b, i);
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        long flagged = (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w) | w) & HIGHS;
        if (flagged != 0) {
          i += Long.numberOfTrailingZeros(flagged) >>> 3;
          break;
        }
        i += 8;
      }
      if (i >= end) {
        return FAIL;
      }
      int c = b[i] & 0xFF;
      if (c == '"') {
        strEnd = i;
        return i + 1;
      }
      if (c == '\\') {
        strEscaped = true;
        if (i + 1 >= end) {
          return FAIL;
        }
        switch (b[i + 1]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
          case 'u' -> {
            if (i + 6 > end || !hex(b[i + 2]) || !hex(b[i + 3]) || !hex(b[i + 4]) || !hex(b[i + 5])) {
              return FAIL;
            }
            i += 6;
          }
          default -> {
            return FAIL;
          }
        }
      } else if (c < 0x20) {
        return FAIL;
      } else if (c >= 0x80) {
        int n = Utf8.sequenceLength(b, i, end);
        if (n < 0) {
          return FAIL;
        }
        i += n;
      } else {
        i++;
      }
    }
  }

  /** JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private int number(int i) {
    int start = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return FAIL;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digits(i);
    } else {
      return FAIL;
    }
    if (i < end && b[i] == '.') {
      int after = digits(i + 1);
      if (after == i + 1) {
        return FAIL;
      }
      i = after;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int after = digits(i);
      if (after == i) {
        return FAIL;
      }
      i = after;
    }
    return i - start > MAX_NUMBER ? FAIL : i;
  }

  private int digits(int i) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  private int literal(int i, String word) {
    int n = word.length();
    if (i + n > end) {
      return FAIL;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word.charAt(k)) {
        return FAIL;
      }
    }
    return i + n;
  }

  /** Skips JSON whitespace (space, tab, CR, LF). */
  private int ws(int i) {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      i++;
    }
    return i;
  }

  private String text() {
    return new String(b, strStart, strEnd - strStart, StandardCharsets.UTF_8);
  }

  private boolean is(int start, int stop, byte[] name) {
    if (stop - start != name.length) {
      return false;
    }
    for (int k = 0; k < name.length; k++) {
      if (b[start + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  private int rank(int start, int stop) {
    for (int r = 0; r < PATIENT_FIELDS.length; r++) {
      if (is(start, stop, PATIENT_FIELDS[r])) {
        return r;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static boolean hex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
