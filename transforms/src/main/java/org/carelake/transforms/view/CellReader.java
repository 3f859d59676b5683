package org.carelake.transforms.view;

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Reads one typed cell of an internal row (null stays null). Why not {@code row.get(i, type)}: that generic getter
 * looks the type up through the session's configuration on every call (a thread-local read), which was a tenth of
 * the silver build's table writes, cell by cell over millions of rows.
 */
@FunctionalInterface
interface CellReader {
  Object read(SpecializedGetters row, int ordinal);

  static CellReader of(DataType type) {
    CellReader value;
    if (type instanceof StringType) {
      value = SpecializedGetters::getUTF8String;
    } else if (type instanceof IntegerType || type instanceof DateType) {
      value = SpecializedGetters::getInt;
    } else if (type instanceof LongType || type instanceof TimestampType) {
      value = SpecializedGetters::getLong;
    } else if (type instanceof BooleanType) {
      value = SpecializedGetters::getBoolean;
    } else if (type instanceof DoubleType) {
      value = SpecializedGetters::getDouble;
    } else if (type instanceof BinaryType) {
      value = SpecializedGetters::getBinary;
    } else if (type instanceof ArrayType) {
      value = SpecializedGetters::getArray;
    } else if (type instanceof DecimalType d) {
      int precision = d.precision();
      int scale = d.scale();
      value = (row, i) -> row.getDecimal(i, precision, scale);
    } else {
      value = (row, i) -> row.get(i, type);
    }
    return (row, i) -> row.isNullAt(i) ? null : value.read(row, i);
  }

  static CellReader[] of(DataType[] types) {
    CellReader[] out = new CellReader[types.length];
    for (int i = 0; i < types.length; i++) {
      out[i] = of(types[i]);
    }
    return out;
  }
}
