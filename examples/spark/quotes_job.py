"""Quotes and their stance, on Spark: the quotestance pipeline (extract, then
classify) over a folder of articles or a JSONL/Parquet table, written as a
Parquet table of quotes.

    spark-submit examples/spark/quotes_job.py --model models/stance.json \\
        --input articles/ --out quotes.parquet

Input: ``--format text`` (the default): folders or globs of ``*.txt``
files, one article each (``doc`` is the file's path); ``--format jsonl`` or
``parquet``: a table with ``text`` and an ``id`` column (``--id-column``),
one article per row. Output: one row per quotation with the columns of
``quotestance extract --model`` (spans flattened into ``speaker_start``
...), per target ``stance_<target>`` and ``p_<target>_<label>``, and an
``error`` row for each article that could not be read. See docs/spark.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import quotestance_spark  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, help="model file (models/stance.json)")
    p.add_argument("--input", required=True, nargs="+", help="folders, globs or tables")
    p.add_argument("--format", choices=["text", "jsonl", "parquet"], default="text")
    p.add_argument("--id-column", default="id", help="the article id column of a table")
    p.add_argument("--out", required=True, help="output Parquet folder (overwritten)")
    p.add_argument("--date", help="the articles' date, YYYY-MM-DD")
    p.add_argument("--speakers", help="speaker table (JSON) readable on every executor")
    p.add_argument("--partitions", type=int, help="repartition the articles into N partitions "
                   "[default: twice the default parallelism]")
    p.add_argument("--master", help="Spark master when not set by spark-submit (local[2])")
    p.add_argument("--keep-session", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def session(master=None, app="quotestance"):
    """A Spark session; each Python worker runs the Rust code on one thread
    (Spark already runs one worker per core)."""
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    if (master or "").startswith("local"):
        # Local mode talks to itself only: keep it on the loopback address.
        b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        # Workers run this interpreter (its environment has quotestance,
        # pandas and pyarrow), not whatever `python3` is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        b.config("spark.executorEnv.RAYON_NUM_THREADS", "1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def read_articles(spark, inputs, fmt, id_column="id"):
    """A DataFrame of articles: ``doc`` and ``content`` (file bytes) for
    text files, ``doc`` and ``text`` for tables."""
    from pyspark.sql import functions as F

    if fmt == "text":
        df = spark.read.format("binaryFile").option("pathGlobFilter", "*.txt").load(inputs)
        return df.select(F.col("path").alias("doc"), "content")
    df = spark.read.json(inputs) if fmt == "jsonl" else spark.read.parquet(*inputs)
    return df.select(F.col(id_column).cast("string").alias("doc"), F.col("text").cast("string"))


def quotes(spark, articles, model_path, date=None, speakers=None, partitions=None):
    """The quotes DataFrame of an articles DataFrame (lazy)."""
    import quotestance

    targets = quotestance.StanceModel.load(model_path).targets
    spark.sparkContext.addFile(os.path.abspath(model_path))
    spark.sparkContext.addPyFile(quotestance_spark.__file__)
    n = partitions or 2 * spark.sparkContext.defaultParallelism
    mapper = quotestance_spark.partition_mapper(os.path.basename(model_path), targets, date, speakers)
    return articles.repartition(n).mapInPandas(mapper, quotestance_spark.schema(targets))


def main(argv=None):
    args = parse_args(argv)
    spark = session(args.master)
    start = time.perf_counter()
    articles = read_articles(spark, args.input, args.format, args.id_column)
    out = quotes(spark, articles, args.model, args.date, args.speakers, args.partitions)
    out.write.mode("overwrite").parquet(args.out)
    from pyspark.sql import functions as F

    counts = spark.read.parquet(args.out).agg(F.count(F.lit(1)).alias("rows"), F.count("error").alias("errors")).first()
    errors = counts["errors"]
    print(
        f"quotestance: wrote {counts['rows']} rows ({errors} unreadable articles) to {args.out} "
        f"in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    if args.master is None or not args.keep_session:
        spark.stop()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
