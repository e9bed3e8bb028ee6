"""StanceModel.classify equals `quotestance classify` (labels and
probabilities, exactly) on the real quotations of the dev set, and
`extract --model` equals extract + classify."""

from __future__ import annotations

import json

import pytest

import quotestance
from conftest import MODEL, need, need_module, run_cli


@pytest.fixture(scope="module")
def model():
    return quotestance.StanceModel.load(MODEL)


@pytest.fixture(scope="module")
def dev_quotes(shared):
    path = need(shared / "dev" / "quotes.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 300
    return rows


def test_classify_equals_the_cli_on_the_dev_quotes(cli, model, dev_quotes, tmp_path):
    path = tmp_path / "statements.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": r["id"], "text": r["text"], "speaker": r.get("speaker")}) + "\n"
            for r in dev_quotes
        ),
        encoding="utf-8",
    )
    expected = run_cli(cli, "classify", "--model", str(MODEL), str(path))
    assert len(expected) == len(dev_quotes)
    got = model.classify([r["text"] for r in dev_quotes], [r.get("speaker") for r in dev_quotes])
    assert got == [e["stance"] for e in expected]
    labels = {t["label"] for g in got for t in g.values()}
    assert labels >= {"favor", "against", "none"}, labels


def test_one_speaker_for_all_equals_the_cli_default_speaker(cli, model, dev_quotes):
    texts = [r["text"].replace("\n", " ") for r in dev_quotes[:60]]
    stdin = "".join(t + "\n" for t in texts).encode()
    expected = run_cli(
        cli, "classify", "--model", str(MODEL), "--text", "--speaker", "lavrov", "-", stdin=stdin
    )
    assert model.classify(texts, speakers="lavrov") == [e["stance"] for e in expected]


def test_extract_with_a_model_equals_extract_then_classify(cli, model, seed_articles):
    expected = run_cli(cli, "extract", "--model", str(MODEL), *map(str, seed_articles))
    got = []
    for f in seed_articles:
        quotes = quotestance.extract(f.read_text(encoding="utf-8"))
        stances = model.classify([q["text"] for q in quotes], [q["speaker"] for q in quotes])
        got += [(str(f), q["text"], s) for q, s in zip(quotes, stances)]
    assert got == [(e["doc"], e["text"], e["stance"]) for e in expected]


def test_explain_agrees_with_classify_and_ranks_features(model, dev_quotes):
    row = dev_quotes[0]
    e = model.explain(row["text"], "us", top=3, speaker=row.get("speaker"))
    assert e["target"] == "us"
    assert e["prediction"] == model.classify([row["text"]], [row.get("speaker")])[0]["us"]
    for feats in e["toward"].values():
        assert len(feats) <= 3
        contribs = [f["contribution"] for f in feats]
        assert contribs == sorted(contribs, reverse=True)


def test_an_unknown_target_raises(model):
    with pytest.raises(quotestance.QuotestanceError, match="unknown target `moon`"):
        model.explain("Some words.", "moon")


def test_an_empty_text_raises_with_its_index(model):
    with pytest.raises(quotestance.QuotestanceError) as info:
        model.classify(["A real sentence.", "  ", "Another."])
    assert info.value.index == 1
    assert "texts[1]" in str(info.value)


def test_speakers_must_match_the_texts(model):
    with pytest.raises(ValueError, match="2 items for 3 texts"):
        model.classify(["a b", "c d", "e f"], speakers=["lavrov", None])
    with pytest.raises(TypeError):
        model.classify("a single string is not a batch")


def test_a_corrupt_model_file_raises_naming_the_file(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text('{"format_version": 1', encoding="utf-8")
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.StanceModel.load(bad)
    assert info.value.file == str(bad)


def test_to_pandas_flattens_the_results(model):
    pd = need_module("pandas")
    rows = model.classify(["We oppose the sanctions.", "Talks went well."])
    df = quotestance.to_pandas(rows)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 2
    assert df["us.label"].tolist() == [r["us"]["label"] for r in rows]
