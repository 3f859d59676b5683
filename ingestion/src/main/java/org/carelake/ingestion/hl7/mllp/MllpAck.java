package org.carelake.ingestion.hl7.mllp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.carelake.ingestion.hl7.Hl7Encoding;
import org.carelake.ingestion.hl7.Hl7Header;
import org.carelake.ingestion.hl7.Hl7Reject;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * Builds the acknowledgment of a frame: an MSH answering the message's (applications and facilities swapped, a new
 * control id, {@code ACK^<trigger>^ACK}, the message's version, processing id and delimiters), an MSA with the code
 * and the message's control id, and for a problem an ERR (ERR-2/3/4/8 from v2.5 on, ERR-1 before, plus MSA-3).
 *
 * <p>Original mode answers AA, AE or AR. Enhanced mode (MSH-15 or MSH-16 valued) answers the commit acknowledgment CA,
 * CE or CR, sent as MSH-15 asks: AL always, NE never, ER only for a problem, SU only for success. The application
 * acknowledgment of enhanced mode is not sent: the listener only commits messages to storage.
 */
final class MllpAck {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final int MAX_TEXT = 200;

  // Control ids: unique across restarts as long as fewer than 1,000 are used per millisecond on average.
  private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
  // MSH-7 of the last millisecond: formatting it for every ACK costs more than the rest of the ACK.
  private volatile TimeText time = new TimeText(Long.MIN_VALUE, "");

  private record TimeText(long millis, String text) {}

  /** The reply frame (start block, ACK, end block, CR), or null when the sender asked not to get one. */
  byte[] reply(MllpVerdict v, Instant now) {
    String text = text(v, now);
    if (text == null) {
      return null;
    }
    byte[] ack = text.getBytes(v.charset());
    byte[] frame = new byte[ack.length + 3];
    frame[0] = MllpFrameReader.START;
    System.arraycopy(ack, 0, frame, 1, ack.length);
    frame[ack.length + 1] = MllpFrameReader.END;
    frame[ack.length + 2] = MllpFrameReader.CR;
    return frame;
  }

  /** The ACK message text with CR segment terminators, or null when none is to be sent. */
  String text(MllpVerdict v, Instant now) {
    Hl7Segment msh = v.msh();
    Hl7Header h = msh == null ? null : Hl7Header.of(msh);
    String code = code(v.outcome(), h != null && h.enhancedAck());
    if (h != null && h.enhancedAck() && !wanted(h.acceptAckType(), v.outcome())) {
      return null;
    }
    Hl7Encoding e = v.encoding();
    String f = String.valueOf(e.field());
    String c = String.valueOf(e.component());
    String version = msh == null ? "2.5.1" : msh.raw(12);
    int[] ver = version(msh == null ? "2.5.1" : h.version());
    StringBuilder sb = new StringBuilder(256);
    sb.append("MSH").append(f).append(msh == null ? "^~\\&" : msh.raw(2));
    if (msh == null) {
      sb.append(f.repeat(4));
    } else {
      sb.append(f).append(msh.raw(5)).append(f).append(msh.raw(6)).append(f).append(msh.raw(3)).append(f)
          .append(msh.raw(4));
    }
    sb.append(f).append(time(now)).append(f).append(f).append(messageType(msh, e, ver)).append(f)
        .append(ids.incrementAndGet()).append(f).append(msh == null || msh.raw(11).isEmpty() ? "P" : msh.raw(11))
        .append(f).append(version);
    if (msh != null && !msh.raw(18).isEmpty()) {
      sb.append(f.repeat(6)).append(msh.raw(18));
    }
    sb.append('\r');
    sb.append("MSA").append(f).append(code).append(f).append(msh == null ? "" : msh.raw(10));
    boolean v25 = atLeast(ver, 2, 5);
    String detail = v.detail() == null ? null : escape(v.detail(), e);
    if (detail != null && !v25) {
      sb.append(f).append(detail);
    }
    sb.append('\r');
    if (v.outcome() != MllpVerdict.Outcome.ACCEPT) {
      ErrorCode ec = ErrorCode.of(v.reason());
      String s = String.valueOf(e.subcomponent());
      if (v25) {
        sb.append("ERR").append(f).append(f).append(ec.errorLocation(c)).append(f).append(ec.code).append(c)
            .append(ec.text).append(c).append("HL70357").append(f).append('E').append(f.repeat(4))
            .append(detail == null ? "" : detail);
      } else {
        sb.append("ERR").append(f).append(ec.eldLocation(c)).append(c).append(ec.code).append(s).append(ec.text)
            .append(s).append("HL70357");
      }
      sb.append('\r');
    }
    return sb.toString();
  }

  private String time(Instant now) {
    TimeText t = time;
    long ms = now.toEpochMilli();
    if (t.millis() != ms) {
      t = new TimeText(ms, TIME.format(now));
      time = t;
    }
    return t.text();
  }

  static String code(MllpVerdict.Outcome outcome, boolean enhanced) {
    char kind = switch (outcome) {
      case ACCEPT -> 'A';
      case ERROR -> 'E';
      case REJECT -> 'R';
    };
    return (enhanced ? "C" : "A") + kind;
  }

  /** MSH-15: AL (or empty, or unknown) always, NE never, ER on a problem, SU on success. */
  static boolean wanted(String acceptAckType, MllpVerdict.Outcome outcome) {
    String t = acceptAckType == null ? "AL" : acceptAckType.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "NE" -> false;
      case "ER" -> outcome != MllpVerdict.Outcome.ACCEPT;
      case "SU" -> outcome == MllpVerdict.Outcome.ACCEPT;
      default -> true;
    };
  }

  /** ACK^trigger^ACK; before v2.3.1 MSH-9 has no message structure component. */
  private static String messageType(Hl7Segment msh, Hl7Encoding e, int[] ver) {
    String trigger = msh == null ? "" : component(msh.raw(9), e, 2);
    if (trigger.isEmpty()) {
      return "ACK";
    }
    String c = String.valueOf(e.component());
    boolean structure = atLeast(ver, 2, 3) && !(ver[0] == 2 && ver[1] == 3 && ver[2] < 1);
    return "ACK" + c + trigger + (structure ? c + "ACK" : "");
  }

  private static String component(String raw, Hl7Encoding e, int n) {
    int rep = raw.indexOf(e.repetition());
    String s = rep < 0 ? raw : raw.substring(0, rep);
    int start = 0;
    for (int i = 1; i < n; i++) {
      int next = s.indexOf(e.component(), start);
      if (next < 0) {
        return "";
      }
      start = next + 1;
    }
    int end = s.indexOf(e.component(), start);
    return s.substring(start, end < 0 ? s.length() : end);
  }

  /** Major, minor, patch of MSH-12; an absent or unreadable version counts as current (2.9). */
  static int[] version(String v) {
    int[] out = {0, 0, 0};
    if (v == null) {
      return new int[] {2, 9, 0};
    }
    String t = v.trim();
    int part = 0;
    int i = 0;
    while (part < 3) {
      int start = i;
      while (i < t.length() && Character.isDigit(t.charAt(i))) {
        out[part] = out[part] * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return part == 0 ? new int[] {2, 9, 0} : out;
      }
      part++;
      if (i >= t.length() || t.charAt(i) != '.') {
        return out;
      }
      i++;
    }
    return out;
  }

  private static boolean atLeast(int[] v, int major, int minor) {
    return v[0] > major || (v[0] == major && v[1] >= minor);
  }

  /** The problem as one HL7 text value: delimiters escaped, line breaks flattened, bounded. */
  static String escape(String text, Hl7Encoding e) {
    String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 3) + "..." : text;
    StringBuilder sb = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      char esc = e.escape();
      if (ch == e.field()) {
        sb.append(esc).append('F').append(esc);
      } else if (ch == e.component()) {
        sb.append(esc).append('S').append(esc);
      } else if (ch == e.subcomponent()) {
        sb.append(esc).append('T').append(esc);
      } else if (ch == e.repetition()) {
        sb.append(esc).append('R').append(esc);
      } else if (ch == esc) {
        sb.append(esc).append('E').append(esc);
      } else if (ch == '\r' || ch == '\n' || ch < 0x20) {
        sb.append(' ');
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** HL7 table 0357 (message error condition codes) and where the problem sits. */
  private enum ErrorCode {
    SEGMENT_SEQUENCE("100", "Segment sequence error", "MSH", null),
    REQUIRED_FIELD("101", "Required field missing", "MSH", "9"),
    DATA_TYPE("102", "Data type error", "MSH", "2"),
    ENCODING("102", "Data type error", null, null),
    INTERNAL("207", "Application internal error", null, null);

    final String code;
    final String text;
    final String segment;
    final String field;

    ErrorCode(String code, String text, String segment, String field) {
      this.code = code;
      this.text = text;
      this.segment = segment;
      this.field = field;
    }

    static ErrorCode of(Hl7Reject reason) {
      if (reason == null) {
        return SEGMENT_SEQUENCE;
      }
      return switch (reason) {
        case NO_MESSAGE_HEADER, BAD_ENVELOPE -> SEGMENT_SEQUENCE;
        case MISSING_MESSAGE_TYPE -> REQUIRED_FIELD;
        case BAD_SEPARATORS -> DATA_TYPE;
        case INVALID_ENCODING -> ENCODING;
        default -> INTERNAL;
      };
    }

    /** ERR-2 (ERL, v2.5+): segment id, sequence, field position; empty when not one place. */
    String errorLocation(String c) {
      if (segment == null) {
        return "";
      }
      return segment + c + "1" + (field == null ? "" : c + field);
    }

    /** The first three components of ERR-1 (ELD, before v2.5): segment id, sequence, field position. */
    String eldLocation(String c) {
      if (segment == null) {
        return c + c;
      }
      return segment + c + "1" + c + (field == null ? "" : field);
    }
  }
}
