"""The executor side of the quotestance Spark job: the output schema and
the mapInPandas function that extracts and classifies one partition.

Shipped to executors with ``SparkContext.addPyFile`` (quotes_job.py does
it), so its module-level cache lives as long as the executor's Python
worker: the model is loaded once per worker process, not per row or per
batch. Executors need the ``quotestance`` package installed (see
docs/spark.md).
"""

from __future__ import annotations

import os
from typing import Iterator, Optional

import pandas as pd

LABELS = ("favor", "against", "none")

# Quote columns, in output order, with their Spark SQL types.
QUOTE_COLUMNS = [
    ("doc", "string"),
    ("text", "string"),
    ("start", "bigint"),
    ("end", "bigint"),
    ("char_start", "bigint"),
    ("char_end", "bigint"),
    ("kind", "string"),
    ("speaker", "string"),
    ("speaker_text", "string"),
    ("speaker_start", "bigint"),
    ("speaker_end", "bigint"),
    ("cue", "string"),
    ("cue_start", "bigint"),
    ("cue_end", "bigint"),
    ("via", "string"),
    ("utterance", "bigint"),
    ("sieve", "string"),
]


def columns(targets: list[str]) -> list[tuple[str, str]]:
    """Every output column: the quote's, then per target its label and
    three probabilities, then ``error`` (set, with ``doc``, on the one row
    that stands for an article that could not be read)."""
    cols = list(QUOTE_COLUMNS)
    for t in targets:
        cols.append((f"stance_{t}", "string"))
        cols += [(f"p_{t}_{label}", "double") for label in LABELS]
    cols.append(("error", "string"))
    return cols


def schema(targets: list[str]) -> str:
    """The output schema as a DDL string (for ``mapInPandas``)."""
    return ", ".join(f"`{name}` {kind}" for name, kind in columns(targets))


_cache: dict = {}


def _cached(key, build):
    value = _cache.get(key)
    if value is None:
        value = _cache[key] = build()
    return value


def model_at(path: str):
    """The model at ``path``, loaded once per worker process (and again
    only if the file changes)."""
    import quotestance

    st = os.stat(path)
    return _cached(("model", path, st.st_mtime_ns, st.st_size), lambda: quotestance.StanceModel.load(path))


def extractor_for(date: Optional[str], speakers: Optional[str]):
    """The extractor for a date and speaker table, built once per worker."""
    import quotestance

    return _cached(("extractor", date, speakers), lambda: quotestance.Extractor(date=date, speakers=speakers))


def _decode(doc: str, content) -> tuple[Optional[str], Optional[str]]:
    try:
        return bytes(content).decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, f"{doc}: not valid UTF-8 text (byte {e.start})"


def rows_of(batch: pd.DataFrame, model, extractor, targets: list[str]) -> pd.DataFrame:
    """The output rows of one batch of articles (columns ``doc`` and
    ``text``, or ``doc`` and ``content``, raw bytes of a file)."""
    docs = batch["doc"].tolist()
    if "content" in batch.columns:
        decoded = [_decode(d, c) for d, c in zip(docs, batch["content"].tolist())]
    else:
        decoded = [
            (t, None) if isinstance(t, str) and t.strip() else (None, f"{d}: missing or empty text")
            for d, t in zip(docs, batch["text"].tolist())
        ]
    ok = [i for i, (t, _) in enumerate(decoded) if t is not None]
    per_article = extractor.extract_many([decoded[i][0] for i in ok])
    quotes = [(docs[i], q) for i, qs in zip(ok, per_article) for q in qs]
    stances = model.classify([q["text"] for _, q in quotes], [q["speaker"] for _, q in quotes])
    out = []
    for (doc, q), stance in zip(quotes, stances):
        row = {name: q.get(name) for name, _ in QUOTE_COLUMNS}
        row["doc"] = doc
        for key in ("speaker", "cue"):
            span = q.get(f"{key}_span")
            row[f"{key}_start"] = span["start"] if span else None
            row[f"{key}_end"] = span["end"] if span else None
        for t in targets:
            pred = stance[t]
            row[f"stance_{t}"] = pred["label"]
            for label in LABELS:
                row[f"p_{t}_{label}"] = pred["probabilities"][label]
        out.append(row)
    for d, (t, err) in zip(docs, decoded):
        if t is None:
            out.append({"doc": d, "error": err})
    # Integer columns stay Python ints and None (object dtype): Arrow makes
    # int64 with nulls of them, where a float column would need NaN casts.
    return pd.DataFrame(
        {
            name: pd.Series([row.get(name) for row in out], dtype=object if kind == "bigint" else None)
            for name, kind in columns(targets)
        }
    )


def partition_mapper(model_file: str, targets: list[str], date: Optional[str], speakers: Optional[str]):
    """The function given to ``mapInPandas``. ``model_file`` is the model's
    name as shipped with ``SparkContext.addFile`` (or an absolute path that
    every executor can read)."""

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from pyspark import SparkFiles

        path = model_file if os.path.isabs(model_file) else SparkFiles.get(model_file)
        model = model_at(path)
        extractor = extractor_for(date, speakers)
        for batch in batches:
            yield rows_of(batch, model, extractor, targets)

    return run
