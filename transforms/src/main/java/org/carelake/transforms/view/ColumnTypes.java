package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.carelake.transforms.fhirpath.Item;
import org.carelake.transforms.fhirpath.Quantity;
import org.carelake.transforms.fhirpath.Temporal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a column's FHIR type becomes a SQL type, and how a FHIRPath value becomes the column's value.
 *
 * <p>FHIR dates and date-times keep their text by default (a FHIR date may be partial, "1970-06", which no SQL DATE
 * can hold). An {@code ansi/type} tag of DATE or TIMESTAMP asks for a SQL date or timestamp instead; a partial value
 * then becomes its low boundary (1970-06 -> 1970-06-01), a date-time without offset is read as UTC.
 */
public final class ColumnTypes {

  /** FHIR decimals carry up to 12 fraction digits here; enough for clinical values, exact for money. */
  public static final DecimalType DECIMAL = DataTypes.createDecimalType(38, 12);
  private static final Pattern ANSI_DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  private ColumnTypes() {
  }

  public static DataType sqlType(ViewColumn c) {
    DataType t = c.ansiType() != null ? ansi(c.ansiType()) : fhir(c.fhirType());
    return c.collection() ? DataTypes.createArrayType(t, false) : t;
  }

  static DataType fhir(String fhirType) {
    if (fhirType == null) {
      return DataTypes.StringType;
    }
    return switch (fhirType) {
      case "boolean" -> DataTypes.BooleanType;
      case "integer", "positiveInt", "unsignedInt" -> DataTypes.IntegerType;
      case "integer64" -> DataTypes.LongType;
      case "decimal" -> DECIMAL;
      default -> DataTypes.StringType;
    };
  }

  static DataType ansi(String ansi) {
    String a = ansi.trim().toUpperCase(Locale.ROOT);
    Matcher m = ANSI_DECIMAL.matcher(a);
    if (m.matches()) {
      return DataTypes.createDecimalType(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return switch (a) {
      case "DATE" -> DataTypes.DateType;
      case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE" -> DataTypes.TimestampType;
      case "BOOLEAN" -> DataTypes.BooleanType;
      case "INTEGER", "INT", "SMALLINT" -> DataTypes.IntegerType;
      case "BIGINT" -> DataTypes.LongType;
      case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL" -> DataTypes.DoubleType;
      case "DECIMAL", "NUMERIC" -> DECIMAL;
      case "VARCHAR", "CHAR", "CHARACTER VARYING", "TEXT", "STRING" -> DataTypes.StringType;
      default -> {
        if (a.startsWith("VARCHAR") || a.startsWith("CHAR")) {
          yield DataTypes.StringType;
        }
        throw new ViewDefinitionException("unsupported ansi/type '" + ansi + "'");
      }
    };
  }

  static void checkAnsi(String ansi, String at) {
    try {
      ansi(ansi);
    } catch (ViewDefinitionException e) {
      throw new ViewDefinitionException(at + ": " + e.getMessage());
    }
  }

  /**
   * The Java value of one item for a column of SQL type {@code t}: String, Boolean, Integer, Long, Double,
   * BigDecimal, LocalDate or Instant; complex values become their JSON text. Null when the value does not fit.
   */
  public static Object value(Item item, DataType t) {
    Object v = item.primitive();
    if (t == DataTypes.StringType) {
      JsonNode json = item.json();
      if (json != null) {
        return json.isTextual() ? json.textValue() : json.isNumber() ? json.decimalValue().toPlainString()
            : json.toString();
      }
      return v instanceof BigDecimal d ? d.toPlainString() : v instanceof Quantity q
          ? q.value().toPlainString() + " '" + q.unit() + "'" : String.valueOf(v);
    }
    if (t == DataTypes.BooleanType) {
      return v instanceof Boolean ? v : v instanceof String s ? parseBoolean(s) : null;
    }
    if (t == DataTypes.IntegerType) {
      return v instanceof Integer ? v : v instanceof Long l && l == l.intValue() ? (Object) l.intValue()
          : v instanceof String s && s.matches("[+-]?\\d{1,9}") ? (Object) Integer.parseInt(s) : null;
    }
    if (t == DataTypes.LongType) {
      return v instanceof Integer i ? (Object) i.longValue() : v instanceof Long ? v
          : v instanceof String s && s.matches("[+-]?\\d{1,18}") ? (Object) Long.parseLong(s) : null;
    }
    if (t == DataTypes.DoubleType) {
      BigDecimal d = decimal(v);
      return d == null ? null : d.doubleValue();
    }
    if (t instanceof DecimalType dt) {
      BigDecimal d = decimal(v);
      if (d == null) {
        return null;
      }
      d = d.setScale(dt.scale(), RoundingMode.HALF_UP);
      return d.precision() > dt.precision() ? null : d;
    }
    if (t == DataTypes.DateType) {
      Temporal tv = temporal(v, Temporal.Kind.DATE);
      return tv == null || tv.kind() == Temporal.Kind.TIME ? null : tv.toLocalDate();
    }
    if (t == DataTypes.TimestampType) {
      Temporal tv = temporal(v, Temporal.Kind.DATETIME);
      return tv == null || tv.kind() == Temporal.Kind.TIME ? null : tv.toInstant();
    }
    return String.valueOf(v);
  }

  private static Boolean parseBoolean(String s) {
    return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Integer i) {
      return BigDecimal.valueOf(i);
    }
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (v instanceof Quantity q) {
      return q.value();
    }
    if (v instanceof String s) {
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Temporal temporal(Object v, Temporal.Kind kind) {
    if (v instanceof Temporal t) {
      return t;
    }
    if (v instanceof String s) {
      try {
        return Temporal.parse(s, s.length() > 10 ? Temporal.Kind.DATETIME : kind);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /** For tests and the CLI: a LocalDate or Instant as ISO text. */
  public static String iso(Object v) {
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Instant i) {
      return i.toString();
    }
    return String.valueOf(v);
  }
}
