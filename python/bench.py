"""Python bindings against the CLI, same input, same run: statements per
second for classify, articles per second for extract + classify.

    python python/bench.py [--repeat 30] [--cli target/release/quotestance]

Inputs are built at run time from ../shared/dev (the dev quotes and the
seed and dev articles, repeated), never stored. Each figure is the best of
three runs; the Python side runs in a child process per thread count, since
the Rust thread pool's size (RAYON_NUM_THREADS) is fixed at its first use.
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

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MODEL = ROOT / "models" / "stance.json"


def best(f, n=3):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def child(kind, path, threads):
    """Times the Python side in a child with `threads` Rust threads."""
    code = f"""
import json, time, quotestance
rows = [json.loads(l) for l in open({str(path)!r}, encoding="utf-8")]
model = quotestance.StanceModel.load({str(MODEL)!r})
ex = quotestance.Extractor()
def run():
    if {kind!r} == "classify":
        model.classify([r["text"] for r in rows], [r.get("speaker") for r in rows])
    else:
        for qs in [ex.extract_many([r["text"] for r in rows])]:
            flat = [q for a in qs for q in a]
            model.classify([q["text"] for q in flat], [q["speaker"] for q in flat])
ts = []
for _ in range(3):
    t = time.perf_counter(); run(); ts.append(time.perf_counter() - t)
print(min(ts))
"""
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    return float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, text=True).stdout)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--cli", default=str(ROOT / "target" / "release" / "quotestance"))
    a = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qs-bench-"))
    quotes = [json.loads(l) for l in (SHARED / "dev" / "quotes.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    statements = tmp / "statements.jsonl"
    with statements.open("w", encoding="utf-8") as f:
        for i in range(a.repeat):
            for q in quotes:
                f.write(json.dumps({"id": f"{i}-{q['id']}", "text": q["text"], "speaker": q.get("speaker")}) + "\n")
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "dev" / "articles").glob("*.txt"))
    articles = tmp / "articles.jsonl"
    with articles.open("w", encoding="utf-8") as f:
        for i in range(a.repeat):
            for p_ in files:
                f.write(json.dumps({"id": f"{i}-{p_.name}", "text": p_.read_text(encoding="utf-8")}) + "\n")
    n_st, n_art = len(quotes) * a.repeat, len(files) * a.repeat
    print(f"{n_st} statements, {n_art} articles; CLI {a.cli}")
    for threads in (1, 2):
        def cli_classify():
            with statements.open("rb") as i:
                subprocess.run([a.cli, "--no-progress", "--threads", str(threads), "classify", "--model", str(MODEL)], stdin=i, stdout=subprocess.DEVNULL, check=True)

        def cli_extract():
            subprocess.run([a.cli, "--no-progress", "--threads", str(threads), "extract", "--jsonl", "--model", str(MODEL), str(articles)], stdout=subprocess.DEVNULL, check=True)

        c = best(cli_classify)
        py = child("classify", statements, threads)
        print(f"classify, {threads} thread(s): CLI {n_st / c:,.0f}/s (incl. model load), Python {n_st / py:,.0f}/s; Python/CLI {c / py:.2f}")
        c = best(cli_extract)
        py = child("extract", articles, threads)
        print(f"extract+classify, {threads} thread(s): CLI {n_art / c:,.0f} articles/s, Python {n_art / py:,.0f}/s; Python/CLI {c / py:.2f}")


if __name__ == "__main__":
    main()
