package org.carelake.core;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable$;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The session's table catalog, used directly rather than through SQL. Opening a lakehouse registers every table
 * (about seventy after a pipeline run), and each {@code CREATE TABLE ... USING delta LOCATION} made Delta read the
 * table's log to check a schema nobody gave: most of a command's start-up. Here an entry is only a name, the
 * provider and the location; Delta reads the log when a query first touches the table, as it would anyway.
 * ({@code spark.catalog()} is avoided too: it decodes rows into beans, which fails under interpreted projections.)
 */
final class SessionTables {
  private final SparkSession spark;

  SessionTables(SparkSession spark) {
    this.spark = spark;
  }

  private SessionCatalog catalog() {
    return ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().catalog();
  }

  private static TableIdentifier id(String database, String name) {
    return new TableIdentifier(name, Option.apply(database));
  }

  /** The tables and views of a database (not temporary views). */
  Set<String> names(String database) {
    Set<String> out = new TreeSet<>();
    scala.collection.Iterator<TableIdentifier> it = catalog().listTables(database).iterator();
    while (it.hasNext()) {
      TableIdentifier t = it.next();
      if (t.database().isDefined()) {
        out.add(t.table());
      }
    }
    return out;
  }

  boolean exists(String database, String name) {
    return catalog().tableExists(id(database, name));
  }

  /** Drops every table and view entry of a database; an external table's files are left alone. */
  void dropAll(String database) {
    for (String name : names(database)) {
      catalog().dropTable(id(database, name), true, false);
    }
  }

  /** Registers an existing Delta table at {@code location} (a qualified URI) unless the name is taken. */
  void registerDelta(String database, String name, URI location) {
    CatalogTable$ d = CatalogTable$.MODULE$;
    CatalogStorageFormat storage = new CatalogStorageFormat(Option.apply(location), Option.empty(), Option.empty(),
        Option.empty(), false, scala.collection.immutable.Map$.MODULE$.empty(), Option.empty());
    CatalogTable table = new CatalogTable(id(database, name), CatalogTableType.EXTERNAL(), storage, new StructType(),
        Option.apply("delta"), d.$lessinit$greater$default$6(), d.$lessinit$greater$default$7(),
        d.$lessinit$greater$default$8(), d.$lessinit$greater$default$9(), d.$lessinit$greater$default$10(),
        d.$lessinit$greater$default$11(), d.$lessinit$greater$default$12(), d.$lessinit$greater$default$13(),
        d.$lessinit$greater$default$14(), d.$lessinit$greater$default$15(), d.$lessinit$greater$default$16(),
        d.$lessinit$greater$default$17(), d.$lessinit$greater$default$18(), d.$lessinit$greater$default$19(),
        d.$lessinit$greater$default$20(), d.$lessinit$greater$default$21(), d.$lessinit$greater$default$22());
    catalog().createTable(table, true, false);
  }
}
