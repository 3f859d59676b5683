package org.carelake.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Encryption at rest of PHI columns with Parquet modular encryption, Spark's own: a table whose PHI columns are known
 * ({@link PhiColumns}) carries table properties naming the master keys, and Delta hands table properties to the
 * Parquet writer, so every writer of the table (overwrite, append, MERGE, OPTIMIZE) encrypts them. The footer stays
 * plaintext (signed), so the other columns remain readable by tools without keys; PHI columns are left out of Delta's
 * file statistics, which are plaintext JSON in the transaction log.
 *
 * <p>On when {@link #KEYSTORE} (the embedded default: a PKCS12 keystore, see {@link KeystoreKms}) or
 * {@link #KMS_CLIENT} (your own {@link org.apache.parquet.crypto.keytools.KmsClient}) is set in the Spark conf.
 */
public final class AtRestEncryption {
  public static final String KEYSTORE = "spark.carelake.encryption.keystore";
  /** A file holding the keystore password (else the environment variable {@link #PASSWORD_ENV}). */
  public static final String PASSWORD_FILE = "spark.carelake.encryption.keystorePasswordFile";
  public static final String PASSWORD_ENV = "CARELAKE_KEYSTORE_PASSWORD";
  public static final String KMS_CLIENT = "spark.carelake.encryption.kmsClient";
  /** For your own KMS client: its instance URL and access token (the keystore's location and password otherwise). */
  public static final String KMS_URL = "spark.carelake.encryption.kmsUrl";
  public static final String KMS_TOKEN = "spark.carelake.encryption.kmsToken";
  /** Master key ids: the footer key signs every encrypted file, the column key encrypts the PHI columns. */
  public static final String FOOTER_KEY = "carelake-footer";
  public static final String COLUMN_KEY = "carelake-phi";

  /** Table properties Parquet reads (through Delta) when writing a file of the table. */
  public static final String COLUMN_KEYS = "parquet.encryption.column.keys";
  static final String FOOTER_KEY_PROPERTY = "parquet.encryption.footer.key";
  static final String PLAINTEXT_FOOTER = "parquet.encryption.plaintext.footer";
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";
  static final String STATS_COUNT = "delta.dataSkippingNumIndexedCols";
  private static final String FACTORY = "parquet.crypto.factory.class";
  /** As many statistics columns as the session default gives unencrypted tables (SparkSessions). */
  private static final int STATS_LIMIT = 8;

  private AtRestEncryption() {}

  /** Whether the session's conf turns encryption at rest on. */
  public static boolean configured(SparkSession spark) {
    return !spark.conf().get(KEYSTORE, "").isBlank() || !spark.conf().get(KMS_CLIENT, "").isBlank();
  }

  /**
   * Turns Parquet encryption on when configured. Configured for the application (spark-submit --conf, -D): in the
   * SparkContext's Hadoop configuration, so every session has it (Spark Connect's per-client sessions too) and
   * executors get it with each job. Configured in one session's conf only: in that session's SQL conf, which Spark
   * copies into the Hadoop configuration of its reads and writes. Idempotent.
   */
  public static boolean activate(SparkSession spark) {
    if (!configured(spark)) {
      return false;
    }
    org.apache.spark.SparkConf app = spark.sparkContext().getConf();
    boolean appWide = app.contains(KEYSTORE) || app.contains(KMS_CLIENT);
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    boolean active = appWide ? hadoop.get(FACTORY) != null : !spark.conf().get(FACTORY, "").isEmpty();
    if (!active) {
      String client = spark.conf().get(KMS_CLIENT, "");
      boolean own = !client.isBlank();
      String url = own ? spark.conf().get(KMS_URL, "") : spark.conf().get(KEYSTORE);
      String token = own ? spark.conf().get(KMS_TOKEN, "") : password(spark);
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("parquet.encryption.kms.client.class", own ? client : KeystoreKms.class.getName());
      if (!url.isBlank()) {
        settings.put("parquet.encryption.kms.instance.url", url);
      }
      if (!token.isBlank()) {
        settings.put("parquet.encryption.key.access.token", token);
      }
      settings.put(FACTORY, "org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory");
      synchronized (AtRestEncryption.class) {
        settings.forEach(appWide ? hadoop::set : spark.conf()::set);
      }
    }
    return true;
  }

  private static String password(SparkSession spark) {
    String file = spark.conf().get(PASSWORD_FILE, "");
    if (!file.isBlank()) {
      Path p = new Path(file);
      try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the keystore password file " + file, e);
      }
    }
    String env = System.getenv(PASSWORD_ENV);
    if (env == null || env.isBlank()) {
      throw new IllegalStateException(KEYSTORE + " is set but no password: set " + PASSWORD_FILE + " or $"
          + PASSWORD_ENV);
    }
    return env;
  }

  /** The PHI columns among a schema's top-level columns (case-insensitive, as Spark resolves them). */
  public static List<StructField> present(Set<String> phi, StructType schema) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (phi.stream().anyMatch(c -> c.equalsIgnoreCase(f.name()))) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * The table properties that encrypt {@code phi} (columns of {@code schema}) and keep them out of the log, with
   * statistics only on {@code statsCandidates}: Delta refuses partition columns and, when altering a
   * table, columns it does not have yet.
   */
  public static Map<String, String> tableProperties(List<StructField> phi, StructType schema,
                                                    java.util.Collection<String> statsCandidates) {
    List<String> leaves = new ArrayList<>();
    for (StructField f : phi) {
      leafPaths(f.name(), f.dataType(), leaves);
    }
    Map<String, String> props = new LinkedHashMap<>();
    props.put(COLUMN_KEYS, COLUMN_KEY + ":" + String.join(",", leaves));
    props.put(FOOTER_KEY_PROPERTY, FOOTER_KEY);
    props.put(PLAINTEXT_FOOTER, "true");
    List<String> stats = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (stats.size() < STATS_LIMIT && !phi.contains(f) && isStatsType(f.dataType())
          && statsCandidates.contains(f.name())) {
        stats.add(f.name());
      }
    }
    if (stats.isEmpty()) {
      props.put(STATS_COUNT, "0");
    } else {
      props.put(STATS_COLUMNS, String.join(",", stats));
    }
    return props;
  }

  /** Parquet names encrypted columns by leaf path; Spark writes arrays and maps in the standard three-level layout. */
  private static void leafPaths(String path, DataType type, List<String> out) {
    if (type instanceof StructType s) {
      for (StructField f : s.fields()) {
        leafPaths(path + "." + f.name(), f.dataType(), out);
      }
    } else if (type instanceof ArrayType a) {
      leafPaths(path + ".list.element", a.elementType(), out);
    } else if (type instanceof MapType m) {
      leafPaths(path + ".key_value.key", m.keyType(), out);
      leafPaths(path + ".key_value.value", m.valueType(), out);
    } else {
      out.add(path);
    }
  }

  /** The types Delta keeps min/max statistics for (it refuses the others in dataSkippingStatsColumns). */
  private static boolean isStatsType(DataType t) {
    return t instanceof org.apache.spark.sql.types.StringType || t instanceof org.apache.spark.sql.types.NumericType
        || t instanceof org.apache.spark.sql.types.DateType || t instanceof org.apache.spark.sql.types.TimestampType
        || t instanceof org.apache.spark.sql.types.TimestampNTZType;
  }
}
