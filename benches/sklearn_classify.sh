#!/usr/bin/env bash
# Classify throughput of quotestance next to scikit-learn's closest
# equivalent (TfidfVectorizer word 1-3 + char_wb 2-5, LogisticRegression per
# target), on the same generated statements, measured back to back.
#
#   benches/sklearn_classify.sh [STATEMENTS] [ROUNDS]   (defaults 100000, 3)
#
# Sets up its own virtualenv under target/sklearn-venv (pip install
# scikit-learn), builds the release binary and the corpus generator, trains
# our model on data/quotes.jsonl, then runs benches/sklearn_classify.py.
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-100000}"
rounds="${2:-3}"
venv=target/sklearn-venv
out=target/bench

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import sklearn" 2>/dev/null; then
    "$venv/bin/pip" install --quiet scikit-learn
fi

cargo build --release --quiet --bin quotestance --example gen_corpus
mkdir -p "$out"
target/release/examples/gen_corpus "$n" > "$out/statements.jsonl"
target/release/quotestance train --data data/quotes.jsonl --out "$out/model.json" > /dev/null 2>&1

"$venv/bin/python" benches/sklearn_classify.py \
    --data data/quotes.jsonl \
    --input "$out/statements.jsonl" \
    --binary target/release/quotestance \
    --model "$out/model.json" \
    --rounds "$rounds" \
    --json "$out/sklearn_classify.json"
