package org.carelake.transforms.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The typed readers give what Spark's generic getter gives, for every column type a view can have. */
class CellReaderTest {
  private static final DataType[] TYPES = {DataTypes.StringType, DataTypes.IntegerType, DataTypes.LongType,
      DataTypes.BooleanType, DataTypes.DoubleType, DataTypes.DateType, DataTypes.TimestampType,
      DataTypes.createDecimalType(38, 12), DataTypes.BinaryType, DataTypes.createArrayType(DataTypes.StringType)};

  private static UnsafeRow encode(Object... cells) {
    StructField[] fields = new StructField[TYPES.length];
    for (int i = 0; i < TYPES.length; i++) {
      fields[i] = DataTypes.createStructField("c" + i, TYPES[i], true);
    }
    return UnsafeProjection.create(new StructType(fields)).apply(new GenericInternalRow(cells)).copy();
  }

  @Test
  void readsEveryViewColumnTypeAsTheGenericGetterDoes() {
    UnsafeRow row = encode(UTF8String.fromString("8480-6"), 42, 1_700_000_000_000L, true, 98.6, 19_700,
        1_700_000_000_000_000L, Decimal.apply(new BigDecimal("120.500000000000"), 38, 12), new byte[] {1, 2, 3},
        new GenericArrayData(new Object[] {UTF8String.fromString("a"), UTF8String.fromString("b")}));
    CellReader[] readers = CellReader.of(TYPES);
    for (int i = 0; i < TYPES.length; i++) {
      Object typed = readers[i].read(row, i);
      Object generic = row.get(i, TYPES[i]);
      if (typed instanceof byte[] b) {
        assertArrayEquals((byte[]) generic, b, "column " + i);
      } else if (typed instanceof ArrayData a) {
        assertEquals(List.of("a", "b"), List.of(a.getUTF8String(0).toString(), a.getUTF8String(1).toString()));
        assertEquals(((ArrayData) generic).numElements(), a.numElements());
      } else {
        assertEquals(generic, typed, "column " + i + " (" + TYPES[i] + ")");
      }
    }
    assertEquals(new BigDecimal("120.500000000000"), ((Decimal) readers[7].read(row, 7)).toJavaBigDecimal());
  }

  @Test
  void nullCellsReadAsNullWhateverTheType() {
    UnsafeRow row = encode(new Object[TYPES.length]);
    CellReader[] readers = CellReader.of(TYPES);
    for (int i = 0; i < TYPES.length; i++) {
      assertNull(readers[i].read(row, i), "column " + i + " (" + TYPES[i] + ")");
    }
  }
}
