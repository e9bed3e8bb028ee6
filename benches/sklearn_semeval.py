#!/usr/bin/env python3
"""scikit-learn peer for benches/semeval.rs: same data, same outer folds.

Reads the SemEval-2016 Task 6 training split and the fold assignment written
by `cargo bench --bench semeval` (target/semeval-folds.jsonl: id, target,
fold). For every outer fold and target it fits

    FeatureUnion(TfidfVectorizer(word 1-3), TfidfVectorizer(char_wb 2-5))
    + LogisticRegression (lbfgs, multinomial)

with C chosen by GridSearchCV (inner stratified 5-fold CV on the training part
only, scored by the target's F_avg), refits on the whole training part and
predicts the outer test fold. Scores are pooled over targets as SemEval's
eval.pl does. Prints the same figures as the Rust bench and writes a JSON
summary. Run it through benches/semeval.sh, which makes the virtualenv.
"""

import argparse
import json
import os
import resource
import sys
import time
import warnings
from collections import defaultdict

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, make_scorer
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

LABELS = ["favor", "against", "none"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def f_avg(y_true, y_pred):
    """SemEval F_avg: mean F1 of favor and against (none not averaged)."""
    return f1_score(y_true, y_pred, labels=["favor", "against"], average="macro", zero_division=0)


def confusion(pairs):
    c = np.zeros((3, 3), dtype=int)
    for t, p in pairs:
        c[LABELS.index(t)][LABELS.index(p)] += 1
    return c


def scores(c):
    out = {}
    f1s = []
    for k, lab in enumerate(LABELS):
        tp = c[k][k]
        pred = c[:, k].sum()
        sup = c[k].sum()
        p = tp / pred if pred else 0.0
        r = tp / sup if sup else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out["f_" + lab] = f
        f1s.append(f)
    out["f_avg"] = (f1s[0] + f1s[1]) / 2
    out["macro_f1"] = sum(f1s) / 3
    out["accuracy"] = np.trace(c) / c.sum()
    out["n"] = int(c.sum())
    return out


def pipeline(args):
    return Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        (
                            "word",
                            TfidfVectorizer(
                                ngram_range=(1, 3), sublinear_tf=args.sublinear, min_df=args.min_df
                            ),
                        ),
                        (
                            "char",
                            TfidfVectorizer(
                                analyzer="char_wb",
                                ngram_range=(2, 5),
                                sublinear_tf=args.sublinear,
                                min_df=args.min_df,
                            ),
                        ),
                    ]
                ),
            ),
            ("clf", LogisticRegression(max_iter=args.max_iter, class_weight=args.class_weight)),
        ]
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data",
        default=os.environ.get(
            "SEMEVAL_DATA", os.path.join(ROOT, "../shared/benchmarks/semeval2016-task6/train.jsonl")
        ),
    )
    ap.add_argument("--folds", default=os.path.join(ROOT, "target/semeval-folds.jsonl"))
    ap.add_argument("--summary", default=os.path.join(ROOT, "target/semeval-sklearn.json"))
    ap.add_argument(
        "--Cs",
        default="1,3.333,10,33.33",
        help="candidate C values (default: 1/alpha of quotestance's default alpha grid)",
    )
    ap.add_argument("--inner-folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="GridSearchCV n_jobs (default 2 = the cores)")
    ap.add_argument("--max-iter", type=int, default=1000)
    ap.add_argument("--min-df", type=int, default=1)
    ap.add_argument("--no-sublinear", dest="sublinear", action="store_false")
    ap.add_argument(
        "--class-weight",
        choices=["balanced"],
        default=None,
        help="LogisticRegression class_weight (default none, as in the published peer figures)",
    )
    ap.add_argument(
        "--drop-marker",
        action="store_true",
        help="remove the #SemST marker hashtag from every tweet first (as our drop_tokens does)",
    )
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    if not os.path.exists(args.data):
        print(f"sklearn_semeval: {args.data} not found; skipping.")
        return 0
    if not os.path.exists(args.folds):
        print(f"sklearn_semeval: {args.folds} not found; run `cargo bench --bench semeval` first.")
        return 1
    rows = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    if args.drop_marker:
        for r in rows:
            r["text"] = " ".join(w for w in r["text"].split() if w.lower() != "#semst")
    fold_of = {}
    for line in open(args.folds, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            fold_of[(r["id"], r["target"])] = r["fold"]
    missing = [r["id"] for r in rows if (r["id"], r["target"]) not in fold_of]
    if missing or len(fold_of) != len(rows):
        print(f"fold file does not match the data ({len(missing)} rows without a fold)")
        return 1
    Cs = [float(c) for c in args.Cs.split(",")]
    k = max(fold_of.values()) + 1
    targets = sorted({r["target"] for r in rows})
    print(f"scikit-learn: {len(rows)} tweets, {len(targets)} targets, {k} outer folds from {args.folds}")
    print(
        "TF-IDF word 1-3 + char_wb 2-5 (sublinear_tf=%s, min_df=%d) + LogisticRegression(lbfgs, max_iter=%d),"
        " C in %s by inner %d-fold CV (F_avg), n_jobs=%d, class_weight=%s, #SemST %s"
        % (
            args.sublinear,
            args.min_df,
            args.max_iter,
            Cs,
            args.inner_folds,
            args.jobs,
            args.class_weight,
            "dropped" if args.drop_marker else "kept",
        )
    )
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    start_cpu = time.process_time()

    by_target = defaultdict(list)
    for r in rows:
        by_target[r["target"]].append(r)
    pairs = defaultdict(list)
    chosen = defaultdict(list)
    train_secs = 0.0
    predict_secs = 0.0
    predict_cpu = 0.0
    predicted = 0
    scorer = make_scorer(f_avg)
    for f in range(k):
        for t in targets:
            tr = [r for r in by_target[t] if fold_of[(r["id"], t)] != f]
            te = [r for r in by_target[t] if fold_of[(r["id"], t)] == f]
            start = time.perf_counter()
            search = GridSearchCV(
                pipeline(args),
                {"clf__C": Cs},
                scoring=scorer,
                cv=StratifiedKFold(args.inner_folds, shuffle=True, random_state=42),
                n_jobs=args.jobs,
                refit=True,
            )
            search.fit([r["text"] for r in tr], [r["stance"] for r in tr])
            train_secs += time.perf_counter() - start
            chosen[t].append(search.best_params_["clf__C"])
            model = search.best_estimator_
            # Accuracy: the outer test fold.
            pred = model.predict([r["text"] for r in te])
            pairs[t].extend(zip([r["stance"] for r in te], pred))
            # Throughput, one process: featurise + predict every tweet of the
            # target (as the Rust bench does).
            texts = [r["text"] for r in by_target[t]]
            start, cpu0 = time.perf_counter(), time.process_time()
            model.predict(texts)
            predict_secs += time.perf_counter() - start
            predict_cpu += time.process_time() - cpu0
            predicted += len(texts)
        print(f"  outer fold {f}: trained and scored ({train_secs:.1f} s of training so far)")

    # CPU time of everything (training dominates), the joblib workers included
    # once they have exited. Wall time alone misleads on a shared machine.
    from joblib.externals.loky import get_reusable_executor

    get_reusable_executor().shutdown(wait=True)
    ru_self = resource.getrusage(resource.RUSAGE_SELF)
    ru_kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    total_cpu = ru_self.ru_utime + ru_self.ru_stime + ru_kids.ru_utime + ru_kids.ru_stime
    train_cpu = total_cpu - predict_cpu - start_cpu
    pooled = confusion([p for t in targets for p in pairs[t]])
    s = scores(pooled)
    pct = lambda x: f"{100 * x:.2f}"
    print(f"\n== nested {k}-fold CV, pooled over targets ==")
    print(
        f"F_avg {pct(s['f_avg'])}   F_favor {pct(s['f_favor'])}   F_against {pct(s['f_against'])}   "
        f"macro-F1 {pct(s['macro_f1'])}   accuracy {pct(s['accuracy'])}   (n = {s['n']})"
    )
    print(f"\n{'target':<34} {'n':>5} {'F_avg':>7} {'F_favor':>8} {'F_agnst':>8} {'macro-F1':>9}  C per outer fold")
    per_target = {}
    for t in targets:
        ts = scores(confusion(pairs[t]))
        per_target[t] = {**ts, "Cs": chosen[t]}
        print(
            f"{t:<34} {ts['n']:>5} {pct(ts['f_avg']):>7} {pct(ts['f_favor']):>8} {pct(ts['f_against']):>8} "
            f"{pct(ts['macro_f1']):>9}  {' '.join('%g' % c for c in chosen[t])}"
        )
    mean_macro = sum(per_target[t]["macro_f1"] for t in targets) / len(targets)
    print(f"mean per-target macro-F1 {pct(mean_macro)}")
    tps = predicted / predict_secs
    print("\n== time ==")
    print(
        f"training incl. C search: {train_secs:.2f} s for {k * len(targets)} fits "
        f"({k} outer folds; {train_secs / k:.2f} s per outer fold)"
    )
    print(f"  CPU time, all processes (approx.: everything but prediction): {train_cpu:.2f} s")
    print(f"prediction: {tps:.0f} texts/s on one thread; {predicted} texts")
    print(f"  per CPU-second: {predicted / predict_cpu:.0f} texts")
    summary = {
        "system": "scikit-learn",
        "sklearn_version": __import__("sklearn").__version__,
        "Cs": Cs,
        **s,
        "mean_target_macro_f1": mean_macro,
        "per_target": per_target,
        "train_seconds": train_secs,
        "train_cpu_seconds": train_cpu,
        "predict_texts_per_cpu_s": predicted / predict_cpu,
        "predict_texts_per_s_1thread": tps,
        "confusion": pooled.tolist(),
    }
    os.makedirs(os.path.dirname(args.summary), exist_ok=True)
    with open(args.summary, "w") as fh:
        json.dump(summary, fh, indent=2)
    print(f"summary -> {args.summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
