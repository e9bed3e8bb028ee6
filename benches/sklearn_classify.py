"""Throughput of scikit-learn's closest equivalent of `quotestance classify`,
measured back to back with our release binary on the same statements.

scikit-learn side: one FeatureUnion of TfidfVectorizer(word, 1-3) and
TfidfVectorizer(char_wb, 2-5), both sublinear tf, smooth idf, min_df 2, fitted
on the training quotes, and one LogisticRegression per target (the rows
labelled for it). Timed: transform + predict_proba + argmax for every target
(no JSON parsing or writing, which our figure includes).

Our side: `quotestance classify --model M --threads N INPUT > /dev/null`,
timed as a whole process (model loading, JSON in and out included).

Both wall-clock and CPU-time throughputs are printed: on a shared machine the
CPU-time figures (statements per CPU-second) are the steadier per-thread
measure. The systems run in alternating rounds (3 by default) and every
figure is the median over the rounds. Usage (see sklearn_classify.sh, which sets everything up):

    python sklearn_classify.py --data data/quotes.jsonl --input corpus.jsonl \
        --binary target/release/quotestance --model target/bench/model.json
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import time

# One thread for numpy/scipy: we compare per-thread throughput.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import FeatureUnion  # noqa: E402


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def train(quotes):
    union = FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 3), sublinear_tf=True, min_df=2)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ]
    )
    x = union.fit_transform([q["text"] for q in quotes])
    targets = sorted({t for q in quotes for t in q["stance"]})
    models = {}
    for t in targets:
        rows = [i for i, q in enumerate(quotes) if t in q["stance"]]
        y = [quotes[i]["stance"][t] for i in rows]
        models[t] = LogisticRegression(C=10.0, max_iter=1000).fit(x[rows], y)
    return union, models


def sklearn_run(union, models, texts):
    x = union.transform(texts)
    out = {}
    for t, m in models.items():
        p = m.predict_proba(x)
        out[t] = m.classes_[np.argmax(p, axis=1)]
    return out


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ours(binary, model, path, threads):
    cpu0, t0 = child_cpu(), time.perf_counter()
    with open(os.devnull, "wb") as null:
        subprocess.run(
            [binary, "classify", "--model", model, "--threads", str(threads), path],
            stdout=null,
            check=True,
        )
    return time.perf_counter() - t0, child_cpu() - cpu0


def ours_pair(binary, model, path):
    """Two independent single-thread processes at once: what this machine's
    two cores give without any sharing, the ceiling for `--threads 2`."""
    cpu0, t0 = child_cpu(), time.perf_counter()
    with open(os.devnull, "wb") as null:
        procs = [
            subprocess.Popen(
                [binary, "classify", "--model", model, "--threads", "1", path], stdout=null
            )
            for _ in range(2)
        ]
        for p in procs:
            if p.wait() != 0:
                raise SystemExit(f"{binary} classify failed")
    return time.perf_counter() - t0, child_cpu() - cpu0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--sklearn-lines", type=int, default=20000,
                    help="statements timed through scikit-learn (a prefix of the input)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating rounds of both systems; figures are medians")
    ap.add_argument("--json", help="also write the raw timings here (wall, CPU seconds per round)")
    args = ap.parse_args()

    quotes = read_jsonl(args.data)
    union, models = train(quotes)
    n_all = sum(1 for line in open(args.input, encoding="utf-8") if line.strip())
    texts = [s["text"] for s in read_jsonl(args.input)[: args.sklearn_lines]]
    n = len(texts)

    sklearn_run(union, models, texts[:200])  # warm up
    ours(args.binary, args.model, args.input, 1)  # warm the page cache

    # Rounds alternate the systems, so a slow spell of this shared machine
    # hits both; each figure is the median over the rounds.
    rounds = {"sklearn": [], "ours1": [], "ours2": [], "pair": []}
    for r in range(args.rounds):
        c0, t0 = time.process_time(), time.perf_counter()
        sklearn_run(union, models, texts)
        rounds["sklearn"].append((time.perf_counter() - t0, time.process_time() - c0))
        rounds["ours1"].append(ours(args.binary, args.model, args.input, 1))
        rounds["ours2"].append(ours(args.binary, args.model, args.input, 2))
        rounds["pair"].append(ours_pair(args.binary, args.model, args.input))
        sk_w, sk_c = rounds["sklearn"][-1]
        w1, c1 = rounds["ours1"][-1]
        w2, c2 = rounds["ours2"][-1]
        print(
            f"round {r + 1}: scikit-learn {n / sk_c:,.0f}/CPU-s, "
            f"quotestance 1 thread {n_all / c1:,.0f}/CPU-s, 2 threads {n_all / w2:,.0f}/s wall "
            f"-> {(n_all / c1) / (n / sk_c):.1f}x"
        )

    def median(pairs, i):
        return statistics.median(p[i] for p in pairs)

    sk_wall, sk_cpu = median(rounds["sklearn"], 0), median(rounds["sklearn"], 1)
    w1, c1 = median(rounds["ours1"], 0), median(rounds["ours1"], 1)
    w2, c2 = median(rounds["ours2"], 0), median(rounds["ours2"], 1)
    sk_w, sk_c = n / sk_wall, n / sk_cpu
    r1w, r1c = n_all / w1, n_all / c1
    r2w, r2c = n_all / w2, n_all / c2
    print(f"statements: {n} through scikit-learn, {n_all} through quotestance; "
          f"medians of {args.rounds} rounds")
    print(f"{'':28} {'wall statements/s':>18} {'CPU statements/s':>17}")
    print(f"{'scikit-learn (1 thread)':28} {sk_w:18,.0f} {sk_c:17,.0f}")
    print(f"{'quotestance --threads 1':28} {r1w:18,.0f} {r1c:17,.0f}")
    print(f"{'quotestance --threads 2':28} {r2w:18,.0f} {r2c:17,.0f}")
    print(f"ratio quotestance/scikit-learn, 1 thread: {r1w / sk_w:.1f}x wall, {r1c / sk_c:.1f}x CPU")
    wp = median(rounds["pair"], 0)
    print(f"scaling 1 -> 2 threads (wall): {w1 / w2:.2f}x; two independent 1-thread "
          f"processes at once: {2 * w1 / wp:.2f}x, so --threads 2 reaches "
          f"{(n_all / w2) / (2 * n_all / wp):.0%} of what the two cores give")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "sklearn": {"statements": n, "rounds": rounds["sklearn"]},
                    "quotestance_1": {"statements": n_all, "rounds": rounds["ours1"]},
                    "quotestance_2": {"statements": n_all, "rounds": rounds["ours2"]},
                    "two_processes": {"statements": 2 * n_all, "rounds": rounds["pair"]},
                    "load_average": os.getloadavg(),
                },
                f,
            )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
