#!/usr/bin/env bash
# SemEval-2016 Task 6A: quotestance vs scikit-learn on identical folds, back to
# back, with a side-by-side table.
#
#   benches/semeval.sh [options passed to the Rust bench, e.g. --no-negation]
#   SKLEARN_ARGS="--class-weight balanced --drop-marker" benches/semeval.sh
#       (options passed to the scikit-learn peer: the same two tweet settings as ours)
#
# Needs ../shared/benchmarks/semeval2016-task6/train.jsonl beside the clone (or
# SEMEVAL_DATA). Makes a virtualenv with scikit-learn under target/ on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=${SEMEVAL_DATA:-$ROOT/../shared/benchmarks/semeval2016-task6/train.jsonl}
if [ ! -f "$DATA" ]; then
    echo "semeval.sh: $DATA not found (the SemEval-2016 Task 6 training split is not part of the project); skipping."
    exit 0
fi
export SEMEVAL_DATA=$DATA
VENV=$ROOT/target/semeval-venv
if [ ! -x "$VENV/bin/python" ]; then
    echo "== making $VENV (pip install scikit-learn) =="
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet scikit-learn
fi

echo "== build =="
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
cargo build --release --bench semeval
echo
echo "== quotestance =="
cargo bench --bench semeval -- "$@" \
    --folds-out target/semeval-folds.jsonl --summary target/semeval-quotestance.json
# The peer searches C over 1/alpha of the alpha grid the Rust side used.
CS=$("$VENV/bin/python" -c '
import json
s = json.load(open("target/semeval-quotestance.json"))
print(",".join("%.6g" % (1 / a) for a in sorted(s["alphas"], reverse=True)) or "1,3.333,10,33.33")')
echo
echo "== scikit-learn =="
"$VENV/bin/python" benches/sklearn_semeval.py --data "$DATA" \
    --folds target/semeval-folds.jsonl --summary target/semeval-sklearn.json --Cs "$CS" ${SKLEARN_ARGS:-}
echo
echo "load average before: $LOAD0; after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
"$VENV/bin/python" - <<'EOF'
import json
q = json.load(open("target/semeval-quotestance.json"))
s = json.load(open("target/semeval-sklearn.json"))
rows = [
    ("pooled F_avg", 100 * q["f_avg"], 100 * s["f_avg"], "%.2f"),
    ("F_favor", 100 * q["f_favor"], 100 * s["f_favor"], "%.2f"),
    ("F_against", 100 * q["f_against"], 100 * s["f_against"], "%.2f"),
    ("pooled macro-F1", 100 * q["macro_f1"], 100 * s["macro_f1"], "%.2f"),
    ("mean per-target macro-F1", 100 * q["mean_target_macro_f1"], 100 * s["mean_target_macro_f1"], "%.2f"),
    ("train s, 25 fits incl. search", q["train_seconds"], s["train_seconds"], "%.1f"),
    ("train CPU s (all threads)", q["train_cpu_seconds"], s["train_cpu_seconds"], "%.1f"),
    ("predict texts/s, 1 thread", q["predict_texts_per_s_1thread"], s["predict_texts_per_s_1thread"], "%.0f"),
    ("predict texts per CPU-s", q["predict_texts_per_cpu_s"], s["predict_texts_per_cpu_s"], "%.0f"),
]
print("== side by side (identical outer folds: target/semeval-folds.jsonl) ==")
print("%-32s %12s %12s %16s" % ("", "quotestance", "scikit-learn", "ratio (ours/skl)"))
for name, a, b, fmt in rows:
    ratio = a / b if b else float("nan")
    if name.startswith("train") and a:
        note = "  (%.1fx less)" % (b / a)
    elif name.startswith("predict") and b:
        note = "  (%.1fx)" % (a / b)
    else:
        note = ""
    print("%-32s %12s %12s %16s%s" % (name, fmt % a, fmt % b, "%.3f" % ratio, note))
print("\nper target F_avg:")
for t in sorted(q["per_target"]):
    print("  %-34s %7.2f %7.2f" % (t, 100 * q["per_target"][t]["f_avg"], 100 * s["per_target"][t]["f_avg"]))
EOF
