package org.carelake.dashboard.data;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.spark.sql.Row;

/**
 * One person's rows of one table as a compressed byte[]: the values of {@link Rows#toMap} (what the pages render)
 * written with a type tag each, so that decoding gives back the same Java types (java.sql.Date and Timestamp to the
 * nanosecond, Double, Boolean, lists of evidence maps, maps of components) in the same column and row order. The
 * column names are kept once per table; a key column (person_id) is left out of the bytes and put back on decoding.
 * A value of any other type (a struct outside a list, a list inside a list) is refused with
 * {@link UnsupportedValueException}, and the table is then served through Spark.
 */
final class RowCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int TRUE = 2;
  private static final int FALSE = 3;
  private static final int INT = 4;
  private static final int LONG = 5;
  private static final int DOUBLE = 6;
  private static final int FLOAT = 7;
  private static final int SHORT = 8;
  private static final int BYTE = 9;
  private static final int DECIMAL = 10;
  private static final int DATE = 11;
  private static final int TIMESTAMP = 12;
  private static final int LOCAL_DATE = 13;
  private static final int INSTANT = 14;
  private static final int LOCAL_DATE_TIME = 15;
  private static final int BYTES = 16;
  private static final int LIST = 17;
  private static final int MAP = 18;

  private final String[] columns;
  /** Index of the column whose value is the key (not stored), or -1. */
  private final int keyColumn;

  RowCodec(List<String> columns, String keyColumn) {
    this.columns = columns.toArray(String[]::new);
    this.keyColumn = keyColumn == null ? -1 : columns.indexOf(keyColumn);
  }

  /** A value the codec does not keep; the caller serves the table through Spark instead. */
  static final class UnsupportedValueException extends RuntimeException {
    UnsupportedValueException(String what) {
      super(what);
    }
  }

  /** Collects one person's rows, then compresses them. Not thread-safe; reuse it for the next person. */
  final class Writer {
    private final Out out = new Out();
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] chunk = new byte[64 * 1024];
    private int rows;

    /** Adds a row: its fields from {@code from} on are the codec's columns. */
    void add(Row row, int from) {
      for (int i = 0; i < columns.length; i++) {
        if (i != keyColumn) {
          write(Rows.value(row.get(from + i)));
        }
      }
      rows++;
    }

    int rows() {
      return rows;
    }

    /** The rows added since the last call, compressed: row count and raw length first, then the deflated bytes. */
    byte[] finish() {
      Out head = new Out();
      head.varint(rows);
      head.varint(out.size());
      deflater.reset();
      deflater.setInput(out.buffer(), 0, out.size());
      deflater.finish();
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        head.write(chunk, 0, n);
      }
      out.reset();
      rows = 0;
      return head.toByteArray();
    }

    void close() {
      deflater.end();
    }

    private void write(Object v) {
      if (v == null) {
        out.write(NULL);
      } else if (v instanceof String s) {
        out.write(STRING);
        out.string(s);
      } else if (v instanceof Boolean b) {
        out.write(b ? TRUE : FALSE);
      } else if (v instanceof Integer n) {
        out.write(INT);
        out.zigzag(n);
      } else if (v instanceof Long n) {
        out.write(LONG);
        out.zigzag(n);
      } else if (v instanceof Double d) {
        out.write(DOUBLE);
        out.fixed(Double.doubleToRawLongBits(d));
      } else if (v instanceof Float f) {
        out.write(FLOAT);
        out.fixed(Float.floatToRawIntBits(f));
      } else if (v instanceof Short n) {
        out.write(SHORT);
        out.zigzag(n);
      } else if (v instanceof Byte n) {
        out.write(BYTE);
        out.zigzag(n);
      } else if (v instanceof BigDecimal d) {
        out.write(DECIMAL);
        out.zigzag(d.scale());
        out.bytes(d.unscaledValue().toByteArray());
      } else if (v instanceof Timestamp t) {
        out.write(TIMESTAMP);
        out.zigzag(t.getTime());
        out.varint(t.getNanos());
      } else if (v instanceof Date d) {
        out.write(DATE);
        out.zigzag(d.getTime());
      } else if (v instanceof LocalDate d) {
        out.write(LOCAL_DATE);
        out.zigzag(d.toEpochDay());
      } else if (v instanceof Instant t) {
        out.write(INSTANT);
        out.zigzag(t.getEpochSecond());
        out.varint(t.getNano());
      } else if (v instanceof LocalDateTime t) {
        out.write(LOCAL_DATE_TIME);
        out.string(t.toString());
      } else if (v instanceof byte[] b) {
        out.write(BYTES);
        out.bytes(b);
      } else if (v instanceof List<?> list) {
        out.write(LIST);
        out.varint(list.size());
        for (Object o : list) {
          if (o instanceof List<?> || o instanceof scala.collection.Seq<?>) {
            throw new UnsupportedValueException("a list inside a list");
          }
          write(o);
        }
      } else if (v instanceof Map<?, ?> map) {
        out.write(MAP);
        out.varint(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          write(e.getKey());
          write(e.getValue());
        }
      } else {
        throw new UnsupportedValueException(v.getClass().getName());
      }
    }
  }

  Writer writer() {
    return new Writer();
  }

  /** The rows of {@link Writer#finish}, as ordered maps of column to value; {@code key} fills the key column. */
  List<Map<String, Object>> decode(byte[] bytes, String key) {
    In head = new In(bytes, 0);
    int rows = (int) head.varint();
    int raw = (int) head.varint();
    byte[] buf = new byte[raw];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(bytes, head.pos, bytes.length - head.pos);
      int n = 0;
      while (n < raw) {
        int k = inflater.inflate(buf, n, raw - n);
        if (k == 0 && (inflater.finished() || inflater.needsInput())) {
          break;
        }
        n += k;
      }
      if (n != raw) {
        throw new IllegalStateException("person store entry cut short: " + n + " of " + raw + " bytes");
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("person store entry corrupt", e);
    } finally {
      inflater.end();
    }
    In in = new In(buf, 0);
    List<Map<String, Object>> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int c = 0; c < columns.length; c++) {
        m.put(columns[c], c == keyColumn ? key : in.value());
      }
      out.add(m);
    }
    return out;
  }

  /** A growable byte buffer with the few encodings the codec writes. */
  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(4096);
    }

    byte[] buffer() {
      return buf;
    }

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void zigzag(long v) {
      varint((v << 1) ^ (v >> 63));
    }

    void fixed(long v) {
      for (int i = 0; i < 8; i++) {
        write((int) (v >>> (8 * i)));
      }
    }

    void fixed(int v) {
      for (int i = 0; i < 4; i++) {
        write(v >>> (8 * i));
      }
    }

    void bytes(byte[] b) {
      varint(b.length);
      write(b, 0, b.length);
    }

    void string(String s) {
      bytes(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Reads what {@link Out} wrote. */
  private static final class In {
    private final byte[] buf;
    private int pos;

    In(byte[] buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    long fixed64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (long) (buf[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    int fixed32() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v |= (buf[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    byte[] bytes() {
      int n = (int) varint();
      byte[] b = new byte[n];
      System.arraycopy(buf, pos, b, 0, n);
      pos += n;
      return b;
    }

    String string() {
      int n = (int) varint();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    Object value() {
      int tag = buf[pos++];
      switch (tag) {
        case NULL:
          return null;
        case STRING:
          return string();
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case INT:
          return (int) zigzag();
        case LONG:
          return zigzag();
        case DOUBLE:
          return Double.longBitsToDouble(fixed64());
        case FLOAT:
          return Float.intBitsToFloat(fixed32());
        case SHORT:
          return (short) zigzag();
        case BYTE:
          return (byte) zigzag();
        case DECIMAL: {
          int scale = (int) zigzag();
          return new BigDecimal(new BigInteger(bytes()), scale);
        }
        case DATE:
          return new Date(zigzag());
        case TIMESTAMP: {
          Timestamp t = new Timestamp(zigzag());
          t.setNanos((int) varint());
          return t;
        }
        case LOCAL_DATE:
          return LocalDate.ofEpochDay(zigzag());
        case INSTANT: {
          long s = zigzag();
          return Instant.ofEpochSecond(s, varint());
        }
        case LOCAL_DATE_TIME:
          return LocalDateTime.parse(string());
        case BYTES:
          return bytes();
        case LIST: {
          int n = (int) varint();
          List<Object> l = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            l.add(value());
          }
          return Collections.unmodifiableList(l);
        }
        case MAP: {
          int n = (int) varint();
          Map<Object, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            Object k = value();
            m.put(k, value());
          }
          return m;
        }
        default:
          throw new IllegalStateException("person store entry corrupt: tag " + tag);
      }
    }
  }
}
