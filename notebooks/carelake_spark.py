"""A PySpark session for the notebooks in Jupyter: Delta Lake, and every table of a Carelake lakehouse registered
under its layer.table name, as `./carelake sql` sees them.

    from carelake_spark import lakehouse_session
    spark = lakehouse_session()          # $CARELAKE_HOME, else ../lakehouse

With CARELAKE_SPARK_REMOTE=sc://host:port it connects to a Spark Connect endpoint instead, which has the tables
already. Needs `pip install pyspark delta-spark jupysql` in versions matching Carelake's Spark and Delta.
"""
import os


def lakehouse_session(lakehouse=None):
    from pyspark.sql import SparkSession

    remote = os.environ.get("CARELAKE_SPARK_REMOTE")
    if remote:
        return SparkSession.builder.remote(remote).getOrCreate()
    from delta import configure_spark_with_delta_pip

    root = os.path.abspath(lakehouse or os.environ.get("CARELAKE_HOME") or os.path.join("..", "lakehouse"))
    builder = (SparkSession.builder.appName("carelake notebook").master("local[*]")
               .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
               .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"))
    spark = configure_spark_with_delta_pip(builder).getOrCreate()
    # The catalog is the directory tree: <root>/<layer>/<table>/_delta_log, as Lakehouse.attach() reads it.
    for layer in sorted(os.listdir(root)):
        layer_dir = os.path.join(root, layer)
        if layer.startswith("_") or not os.path.isdir(layer_dir):
            continue
        tables = [t for t in sorted(os.listdir(layer_dir))
                  if os.path.isdir(os.path.join(layer_dir, t, "_delta_log"))]
        if tables:
            spark.sql(f"CREATE DATABASE IF NOT EXISTS `{layer}`")
        for t in tables:
            spark.sql(f"CREATE TABLE IF NOT EXISTS `{layer}`.`{t}` USING delta "
                      f"LOCATION '{os.path.join(layer_dir, t)}'")
    return spark
