package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.carelake.core.InternalFrames;
import org.carelake.transforms.fhirpath.FhirPathException;

import static org.apache.spark.sql.functions.col;

/**
 * Runs many ViewDefinitions in one pass over a table of FHIR resources: each resource is parsed once and handed to
 * every view of its type. The result has one row per view row: {@code _view} (the view's position), {@code _row}
 * (its position among the resource's rows of that view), the input's pass-through columns (lineage) and {@code
 * _data}, the view's typed row in Spark's compact binary row format. {@link #rowsOf} then gives one view's rows with
 * their own columns; persist the result first when reading several views from it.
 *
 * <p>Why binary rows and not one struct column per view: a result that is narrow whatever the number of views keeps
 * the cache small and Spark's generated code small (dozens of wide struct columns made every scan of the cache
 * compile a huge class).
 */
public final class ViewBatch implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> viewJson;
  private final StructType[] viewSchemas;
  private final String[] viewResources;
  private boolean skipEnteredInError;
  private ConditionalReferences conditional;
  private Conformance conformance;

  private ViewBatch(List<ViewDefinition> views) {
    this.viewJson = new ArrayList<>();
    this.viewSchemas = new StructType[views.size()];
    this.viewResources = new String[views.size()];
    for (int i = 0; i < views.size(); i++) {
      ViewDefinition v = views.get(i);
      viewJson.add(v.json());
      viewSchemas[i] = schemaOf(v);
      viewResources[i] = v.resource();
    }
  }

  public static ViewBatch of(List<ViewDefinition> views) {
    return new ViewBatch(views);
  }

  /**
   * Resolve conditional references through these identifiers; needs a pass-through column {@code source_system}
   * (identifiers are matched within the same source).
   */
  public ViewBatch resolvingConditionalReferences(ConditionalReferences refs) {
    this.conditional = refs;
    return this;
  }

  /**
   * Adds the terminology conformance columns ({@link ConformedColumns}) after each view's own; needs a
   * pass-through column {@code source_system} (maps may be bound to a source).
   */
  public ViewBatch conforming(Conformance conformance) {
    this.conformance = conformance;
    for (int i = 0; i < viewSchemas.length; i++) {
      ViewDefinition v = ViewDefinition.parse(viewJson.get(i));
      List<StructField> fields = new ArrayList<>(List.of(schemaOf(v).fields()));
      fields.addAll(new ConformedColumns(v, conformance).fields());
      viewSchemas[i] = DataTypes.createStructType(fields);
    }
    return this;
  }

  /** Resources marked entered-in-error produce no rows (silver is the current, valid state). */
  public ViewBatch skippingEnteredInError() {
    this.skipEnteredInError = true;
    return this;
  }

  /** The SQL schema of a view's rows: its columns in order, typed (see {@link ColumnTypes}). */
  public static StructType schemaOf(ViewDefinition view) {
    List<StructField> fields = new ArrayList<>();
    for (ViewColumn c : view.columns()) {
      fields.add(DataTypes.createStructField(c.name(), ColumnTypes.sqlType(c), true));
    }
    return DataTypes.createStructType(fields);
  }

  public StructType viewSchema(int k) {
    return viewSchemas[k];
  }

  /**
   * Runs the views over {@code resources}, whose {@code jsonColumn} holds each resource's JSON text and {@code
   * typeColumn} its resource type (resources of types no view reads are never parsed); {@code passThrough} columns
   * are copied to every output row.
   */
  public Dataset<Row> run(
      SparkSession spark, Dataset<Row> resources, String jsonColumn, String typeColumn, List<String> passThrough) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(jsonColumn).as("_json"));
    cols.add(col(typeColumn).as("_type"));
    passThrough.forEach(p -> cols.add(col(p)));
    Dataset<Row> input = resources.select(cols.toArray(new Column[0]));
    StructType inSchema = input.schema();
    DataType[] passTypes = new DataType[passThrough.size()];
    List<StructField> outFields = new ArrayList<>();
    outFields.add(DataTypes.createStructField("_view", DataTypes.IntegerType, false));
    outFields.add(DataTypes.createStructField("_row", DataTypes.IntegerType, false));
    for (int i = 0; i < passTypes.length; i++) {
      passTypes[i] = inSchema.fields()[i + 2].dataType();
      outFields.add(inSchema.fields()[i + 2]);
    }
    outFields.add(DataTypes.createStructField("_data", DataTypes.BinaryType, false));
    StructType outSchema = DataTypes.createStructType(outFields);
    JavaRDD<InternalRow> rows = input.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new Evaluate(this, passTypes, passThrough.indexOf("source_system")));
    return InternalFrames.of(spark, rows, outSchema);
  }

  /**
   * One view's rows from a {@link #run} result: {@code _row} (the row's position among its resource's rows), the
   * pass-through columns renamed {@code _in_<name>} (so they never clash with the view's), then the view's columns.
   */
  public Dataset<Row> rowsOf(Dataset<Row> batchResult, int k, List<String> passThrough) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("_row"));
    passThrough.forEach(p -> cols.add(col(p)));
    cols.add(col("_data"));
    Dataset<Row> picked = batchResult.where(col("_view").equalTo(k)).select(cols.toArray(new Column[0]));
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("_row", DataTypes.IntegerType, false));
    for (int i = 0; i < passThrough.size(); i++) {
      StructField f = picked.schema().fields()[i + 1];
      fields.add(DataTypes.createStructField("_in_" + f.name(), f.dataType(), f.nullable()));
    }
    fields.addAll(List.of(viewSchemas[k].fields()));
    int pass = passThrough.size();
    DataType[] passTypes = new DataType[pass];
    for (int i = 0; i < pass; i++) {
      passTypes[i] = fields.get(i + 1).dataType();
    }
    DataType[] viewTypes = new DataType[viewSchemas[k].size()];
    for (int i = 0; i < viewTypes.length; i++) {
      viewTypes[i] = viewSchemas[k].fields()[i].dataType();
    }
    JavaRDD<InternalRow> rows = picked.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new DecodeView(passTypes, viewTypes));
    return InternalFrames.of(SparkSession.active(), rows, DataTypes.createStructType(fields));
  }

  /** What {@link #pick} takes from one view's rows: constant labels and some string fields (by position). */
  public record Pick(List<String> labels, int[] fields) implements Serializable {}

  /**
   * Some string fields of many views in one scan of a {@link #run} result, as rows of one schema: the labels, the
   * fields, then the pass-through columns. A view row gives one output row per pick of its view, unless the pick's
   * first field is null. For measures over every view at once (e.g. how codes conformed), where reading each view's
   * rows on their own would scan the result once per view.
   */
  public Dataset<Row> pick(Dataset<Row> batchResult, Map<Integer, List<Pick>> picks, List<String> labelNames,
                           List<String> fieldNames, List<String> passThrough) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("_view"));
    passThrough.forEach(p -> cols.add(col(p)));
    cols.add(col("_data"));
    Dataset<Row> in = batchResult.where(col("_view").isin(picks.keySet().toArray())).select(cols.toArray(new Column[0]));
    List<StructField> fields = new ArrayList<>();
    labelNames.forEach(n -> fields.add(DataTypes.createStructField(n, DataTypes.StringType, true)));
    fieldNames.forEach(n -> fields.add(DataTypes.createStructField(n, DataTypes.StringType, true)));
    DataType[] passTypes = new DataType[passThrough.size()];
    for (int i = 0; i < passTypes.length; i++) {
      StructField f = in.schema().fields()[i + 1];
      passTypes[i] = f.dataType();
      fields.add(f);
    }
    int[] widths = new int[viewSchemas.length];
    for (int k = 0; k < widths.length; k++) {
      widths[k] = viewSchemas[k].size();
    }
    Map<Integer, List<Pick>> byView = new HashMap<>(picks);
    JavaRDD<InternalRow> rows = in.queryExecution().toRdd().toJavaRDD().mapPartitions(
        (Iterator<InternalRow> part) -> {
          CellReader[] passReaders = CellReader.of(passTypes);
          return new FlatMapIterator<InternalRow, InternalRow>(part, (r, pending) -> {
            int k = r.getInt(0);
            byte[] data = r.getBinary(passTypes.length + 1);
            UnsafeRow view = new UnsafeRow(widths[k]);
            view.pointTo(data, data.length);
            for (Pick p : byView.get(k)) {
              if (view.isNullAt(p.fields()[0])) {
                continue;
              }
              Object[] cells = new Object[p.labels().size() + p.fields().length + passTypes.length];
              int c = 0;
              for (String l : p.labels()) {
                cells[c++] = l == null ? null : UTF8String.fromString(l);
              }
              for (int f : p.fields()) {
                cells[c++] = f < 0 || view.isNullAt(f) ? null : view.getUTF8String(f).clone();
              }
              for (int i = 0; i < passReaders.length; i++) {
                Object v = passReaders[i].read(r, i + 1);
                cells[c++] = v instanceof UTF8String u ? u.clone() : v;
              }
              pending.add(new GenericInternalRow(cells));
            }
          });
        });
    return InternalFrames.of(SparkSession.active(), rows, DataTypes.createStructType(fields));
  }

  /** Turns (_row, pass-through..., _data) rows back into (_row, pass-through..., view columns...). */
  private static final class DecodeView
      implements org.apache.spark.api.java.function.FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final DataType[] passTypes;
    private final DataType[] viewTypes;

    DecodeView(DataType[] passTypes, DataType[] viewTypes) {
      this.passTypes = passTypes;
      this.viewTypes = viewTypes;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> in) {
      int pass = passTypes.length;
      CellReader[] passReaders = CellReader.of(passTypes);
      CellReader[] viewReaders = CellReader.of(viewTypes);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return in.hasNext();
        }

        @Override
        public InternalRow next() {
          InternalRow r = in.next();
          Object[] cells = new Object[1 + pass + viewTypes.length];
          cells[0] = r.getInt(0);
          for (int i = 0; i < pass; i++) {
            Object v = passReaders[i].read(r, i + 1);
            // Spark reuses the incoming row: copy the strings that point into it.
            cells[i + 1] = v instanceof UTF8String u ? u.clone() : v;
          }
          byte[] data = r.getBinary(pass + 1);
          UnsafeRow view = new UnsafeRow(viewTypes.length);
          view.pointTo(data, data.length);
          for (int j = 0; j < viewTypes.length; j++) {
            cells[1 + pass + j] = viewReaders[j].read(view, j);
          }
          return new GenericInternalRow(cells);
        }
      };
    }
  }

  /** The per-partition work: parse each resource once, run the views of its type, emit internal rows. */
  private static final class Evaluate
      implements org.apache.spark.api.java.function.FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final ViewBatch batch;
    private final DataType[] passTypes;
    private final int sourceIndex;

    Evaluate(ViewBatch batch, DataType[] passTypes, int sourceIndex) {
      this.batch = batch;
      this.passTypes = passTypes;
      this.sourceIndex = sourceIndex;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> in) {
      Map<String, List<Integer>> byType = new HashMap<>();
      ViewRows[] compiled = new ViewRows[batch.viewJson.size()];
      for (int k = 0; k < compiled.length; k++) {
        ViewDefinition v = ViewDefinition.parse(batch.viewJson.get(k));
        compiled[k] = new ViewRows(v, batch.conformance == null ? null : new ConformedColumns(v, batch.conformance));
        byType.computeIfAbsent(batch.viewResources[k], t -> new ArrayList<>()).add(k);
      }
      ObjectReader reader = ViewDefinition.JSON.reader();
      int width = 3 + passTypes.length;
      UnsafeProjection[] encoders = new UnsafeProjection[compiled.length];
      CellReader[] passReaders = CellReader.of(passTypes);
      return new FlatMapIterator<InternalRow, InternalRow>(in, (row, pending) -> {
        if (row.isNullAt(0) || row.isNullAt(1)) {
          return;
        }
        List<Integer> views = byType.get(row.getUTF8String(1).toString());
        if (views == null) {
          return;
        }
        JsonNode resource;
        try {
          resource = reader.readTree(row.getUTF8String(0).getBytes());
        } catch (IOException e) {
          throw new UncheckedIOException("a resource is not valid JSON: " + e.getMessage(), e);
        }
        if (batch.skipEnteredInError && EnteredInError.test(resource)) {
          return;
        }
        Object[] pass = new Object[passTypes.length];
        for (int i = 0; i < pass.length; i++) {
          Object v = passReaders[i].read(row, i + 2);
          pass[i] = v instanceof UTF8String s ? s.clone() : v;
        }
        java.util.function.UnaryOperator<String> resolver = batch.conditional == null || sourceIndex < 0
            || pass[sourceIndex] == null ? null : batch.conditional.forSource(pass[sourceIndex].toString());
        for (int k : views) {
          List<Object[]> out;
          try {
            out = compiled[k].rows(resource, resolver,
                sourceIndex < 0 || pass[sourceIndex] == null ? null : pass[sourceIndex].toString());
          } catch (FhirPathException e) {
            throw new FhirPathException(e.getMessage() + " (" + resource.path("resourceType").asText() + "/"
                + resource.path("id").asText() + ")");
          }
          StructType schema = batch.viewSchemas[k];
          UnsafeProjection encode = encoders[k] != null ? encoders[k]
              : (encoders[k] = UnsafeProjection.create(schema));
          int ordinal = 0;
          for (Object[] values : out) {
            Object[] cells = new Object[width];
            cells[0] = k;
            cells[1] = ordinal++;
            System.arraycopy(pass, 0, cells, 2, pass.length);
            Object[] struct = new Object[values.length];
            for (int c = 0; c < values.length; c++) {
              struct[c] = internal(values[c], schema.fields()[c].dataType());
            }
            cells[2 + pass.length] = encode.apply(new GenericInternalRow(struct)).getBytes();
            pending.add(new GenericInternalRow(cells));
          }
        }
      });
    }
  }

  /** A {@link ColumnTypes#value} result in Spark's internal representation. */
  static Object internal(Object v, DataType t) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return UTF8String.fromString(s);
    }
    if (v instanceof BigDecimal d) {
      DecimalType dt = (DecimalType) t;
      return Decimal.apply(d, dt.precision(), dt.scale());
    }
    if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    if (v instanceof Instant i) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }
    if (v instanceof List<?> list) {
      DataType element = ((ArrayType) t).elementType();
      Object[] a = new Object[list.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = internal(list.get(i), element);
      }
      return new GenericArrayData(a);
    }
    return v;
  }
}
