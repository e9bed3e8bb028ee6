"""The Spark job (examples/spark/) in local mode, local[2], on the seed and
dev articles: its Parquet rows equal `quotestance extract --model` on the
same files, row for row and field for field."""

from __future__ import annotations

import math
import sys

import pytest

from conftest import MODEL, ROOT, need_module, run_cli

sys.path.insert(0, str(ROOT / "examples" / "spark"))


@pytest.fixture(scope="module")
def spark():
    need_module("pyspark")
    need_module("pyarrow")
    import quotes_job

    s = quotes_job.session("local[2]", app="quotestance-test")
    yield s
    s.stop()


def _cli_row(rec: dict, targets: list[str]) -> dict:
    row = {k: rec[k] for k in ("text", "start", "end", "kind", "speaker", "speaker_text", "cue", "via", "utterance", "sieve")}
    row["doc"] = rec["doc"].rsplit("/", 1)[-1]
    for key in ("speaker", "cue"):
        span = rec[f"{key}_span"]
        row[f"{key}_start"] = span["start"] if span else None
        row[f"{key}_end"] = span["end"] if span else None
    for t in targets:
        row[f"stance_{t}"] = rec["stance"][t]["label"]
        for label in ("favor", "against", "none"):
            row[f"p_{t}_{label}"] = rec["stance"][t]["probabilities"][label]
    return row


def _spark_row(r: dict) -> dict:
    row = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
    row["doc"] = row["doc"].rsplit("/", 1)[-1]
    del row["char_start"], row["char_end"], row["error"]
    return row


def _key(row: dict):
    return (row["doc"], row["start"], row["end"], row["kind"])


def test_the_job_in_local_mode_equals_the_cli(spark, cli, seed_articles, dev_articles, tmp_path):
    import quotes_job

    import quotestance

    targets = quotestance.StanceModel.load(MODEL).targets
    files = seed_articles + dev_articles
    expected = sorted((_cli_row(r, targets) for r in run_cli(cli, "extract", "--model", str(MODEL), *map(str, files))), key=_key)
    assert len(expected) > 200

    out = tmp_path / "quotes.parquet"
    inputs = [str(seed_articles[0].parent), str(dev_articles[0].parent)]
    assert quotes_job.main(["--model", str(MODEL), "--input", *inputs, "--out", str(out), "--master", "local[2]", "--partitions", "4", "--keep-session"]) == 0

    import pandas as pd

    table = pd.read_parquet(out)
    assert table["error"].isna().all()
    got = sorted((_spark_row(r) for r in table.to_dict("records")), key=_key)
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g == e


def test_a_table_of_articles_and_its_unreadable_rows(spark, seed_articles, tmp_path):
    import quotes_job

    import quotestance

    pd = need_module("pandas")
    texts = [f.read_text(encoding="utf-8") for f in seed_articles]
    table = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))] + ["empty"], "text": texts + [" "]})
    src = tmp_path / "articles.parquet"
    table.to_parquet(src)
    out = tmp_path / "quotes.parquet"
    status = quotes_job.main(["--model", str(MODEL), "--input", str(src), "--format", "parquet", "--out", str(out), "--master", "local[2]", "--keep-session"])
    assert status == 1  # one article could not be read, and the run says so
    rows = pd.read_parquet(out)
    errors = rows[rows["error"].notna()]
    assert errors["doc"].tolist() == ["empty"]
    assert "empty text" in errors["error"].iloc[0]
    quotes = rows[rows["error"].isna()]
    expected = sum(len(quotestance.extract(t)) for t in texts)
    assert len(quotes) == expected
    a0 = quotes[quotes["doc"] == "a0"].sort_values("char_start")
    spans = zip(a0["char_start"].astype(int), a0["char_end"].astype(int))
    assert [texts[0][s:e] for s, e in spans] == a0["text"].tolist()
