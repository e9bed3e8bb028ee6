"""The Spark job against the CLI on the same input, same run: articles per
second for local[1] and local[2] (job time, the session already started and
warmed up by one run) and the per-partition overhead (the same input in 2
and in 64 partitions).

    python examples/spark/bench.py [--repeat 20] [--cli target/release/quotestance]

The input (seed and dev articles from ../shared, repeated) is built at run
time in a temporary folder and never stored.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
MODEL = ROOT / "models" / "stance.json"
sys.path.insert(0, str(HERE))

import quotes_job  # noqa: E402


def timed(f, n=2):
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return min(ts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--cli", default=str(ROOT / "target" / "release" / "quotestance"))
    a = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qs-spark-bench-"))
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "dev" / "articles").glob("*.txt"))
    src = tmp / "articles.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(a.repeat):
            for x in files:
                f.write(json.dumps({"id": f"{i}-{x.name}", "text": x.read_text(encoding="utf-8")}) + "\n")
    n = len(files) * a.repeat
    print(f"{n} articles")
    for threads in (1, 2):
        t = timed(lambda: subprocess.run([a.cli, "--no-progress", "--threads", str(threads), "extract", "--jsonl", "--model", str(MODEL), str(src)], stdout=subprocess.DEVNULL, check=True))
        print(f"CLI --threads {threads}: {n / t:,.0f} articles/s ({t:.2f} s)")
    for master in ("local[1]", "local[2]"):
        spark = quotes_job.session(master, app="quotestance-bench")
        cores = int(master[6])

        def job(parts):
            arts = quotes_job.read_articles(spark, [str(src)], "jsonl")
            quotes_job.quotes(spark, arts, str(MODEL), partitions=parts).write.mode("overwrite").parquet(str(tmp / "out"))

        job(2 * cores)  # warm-up: JVM, Python workers, model loads
        t = timed(lambda: job(2 * cores))
        print(f"Spark {master}, {2 * cores} partitions: {n / t:,.0f} articles/s ({t:.2f} s)")
        if cores == 2:
            t64 = timed(lambda: job(64))
            print(f"Spark {master}, 64 partitions: {t64:.2f} s; overhead {(t64 - t) / (64 - 2 * cores) * 1000:.0f} ms per extra partition")
        spark.stop()


if __name__ == "__main__":
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    main()
