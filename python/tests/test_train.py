"""quotestance.train: the same model as `quotestance train` with the same
parameters, save/load round trip, and bad records that raise with their
position."""

from __future__ import annotations

import json

import pytest

import quotestance
from conftest import ROOT, run_cli

DATA = ROOT / "data" / "quotes.jsonl"
# Fixed penalty and no cross-validation: a fast fit.
PARAMS = {"folds": 0, "alpha": 0.1, "selected_features": 500}


@pytest.fixture(scope="module")
def records():
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:400]


def test_train_equals_the_cli_train(cli, records, tmp_path, dev_articles):
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cli_model = tmp_path / "cli-model.json"
    subprocess_args = [
        "train", "--data", str(data), "--out", str(cli_model),
        "--folds", "0", "--alpha", "0.1", "--selected-features", "500",
    ]
    run_cli(cli, *subprocess_args)
    model = quotestance.train(records, **PARAMS)
    assert model.targets == sorted({t for r in records for t in r["stance"]})
    # Classify real quotations with both models: identical output.
    texts = [q["text"] for f in dev_articles[:8] for q in quotestance.extract(f.read_text(encoding="utf-8"))]
    assert len(texts) > 20
    expected = quotestance.StanceModel.load(cli_model).classify(texts)
    assert model.classify(texts) == expected
    # Training from the file path gives the same model too.
    assert quotestance.train(data, **PARAMS).classify(texts) == expected


def test_save_and_load_round_trip(records, tmp_path):
    model = quotestance.train(records, **PARAMS)
    path = tmp_path / "m.json"
    model.save(path)
    again = quotestance.StanceModel.load(path)
    texts = [r["text"] for r in records[:50]]
    assert again.classify(texts) == model.classify(texts)
    assert again.targets == model.targets


def test_a_bad_record_raises_with_its_index_and_field(records):
    bad = [dict(r) for r in records[:10]]
    bad[3] = dict(bad[3], stance={"us": "pro"})
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.train(bad, **PARAMS)
    e = info.value
    assert (e.index, e.field) == (3, "stance.us")
    assert str(e).startswith("records[3], field `stance.us`: ")
    assert "pro" in str(e)


def test_a_record_without_text_raises_with_its_index(records):
    bad = [dict(r) for r in records[:10]]
    del bad[7]["text"]
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.train(bad, **PARAMS)
    assert (info.value.index, info.value.field) == (7, "text")


def test_a_bad_line_of_a_file_raises_with_its_file_and_line(records, tmp_path):
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps(r) for r in records[:5]]
    lines[2] = '{"text": "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.train(path, **PARAMS)
    assert (info.value.file, info.value.line) == (str(path), 3)


def test_a_record_that_is_not_json_raises_with_its_index(records):
    bad = [dict(r) for r in records[:4]]
    bad[2]["text"] = float("nan")
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.train(bad, **PARAMS)
    assert info.value.index == 2


def test_unknown_parameters_are_rejected(records):
    with pytest.raises(TypeError, match="alfa"):
        quotestance.train(records, alfa=0.1)
    with pytest.raises(ValueError, match="metric"):
        quotestance.train(records, folds=0, alpha=0.1, metric="accuracy")


def test_parameters_reach_the_library(records):
    with pytest.raises(quotestance.QuotestanceError, match="folds"):
        quotestance.train(records, folds=1)
