"""quotestance.extract equals `quotestance extract` on the seed and dev
articles, field for field, and its code-point offsets index the Python
string."""

from __future__ import annotations

import pytest

import quotestance
from conftest import run_cli


def _without_char_offsets(q: dict) -> dict:
    out = {k: v for k, v in q.items() if k not in ("char_start", "char_end")}
    for key in ("speaker_span", "cue_span"):
        if isinstance(out.get(key), dict):
            out[key] = {"start": out[key]["start"], "end": out[key]["end"]}
    return out


def _cli_by_doc(cli, files) -> dict:
    by_doc: dict = {str(f): [] for f in files}
    for rec in run_cli(cli, "extract", *map(str, files)):
        doc = rec.pop("doc")
        by_doc[doc].append(rec)
    return by_doc


def test_extract_equals_the_cli_on_the_seed_articles(cli, seed_articles):
    expected = _cli_by_doc(cli, seed_articles)
    total = 0
    for f in seed_articles:
        got = quotestance.extract(f.read_text(encoding="utf-8"))
        assert [_without_char_offsets(q) for q in got] == expected[str(f)], f.name
        total += len(got)
    assert total >= 40, total  # the seeds hold dozens of quotations


def test_extract_many_equals_the_cli_on_the_dev_articles(cli, dev_articles):
    expected = _cli_by_doc(cli, dev_articles)
    texts = [f.read_text(encoding="utf-8") for f in dev_articles]
    got = quotestance.Extractor().extract_many(texts)
    assert len(got) == len(texts)
    for f, quotes in zip(dev_articles, got):
        assert [_without_char_offsets(q) for q in quotes] == expected[str(f)], f.name
    assert sum(map(len, got)) >= 150


def test_char_offsets_index_the_python_string_and_bytes_the_utf8(seed_articles, dev_articles):
    non_ascii = 0
    for f in seed_articles + dev_articles:
        text = f.read_text(encoding="utf-8")
        data = text.encode("utf-8")
        for q in quotestance.extract(text):
            assert text[q["char_start"] : q["char_end"]] == q["text"]
            assert data[q["start"] : q["end"]].decode("utf-8") == q["text"]
            non_ascii += q["char_start"] != q["start"]
            for key in ("speaker_span", "cue_span"):
                span = q[key]
                if span is not None:
                    assert (
                        text[span["char_start"] : span["char_end"]]
                        == data[span["start"] : span["end"]].decode("utf-8")
                    )
    # Curly quotes and dashes come before many quotations: the two kinds of
    # offsets must really differ somewhere, or this test checks nothing.
    assert non_ascii > 0


def test_the_date_and_speaker_table_are_passed_on(cli, seed_articles, tmp_path):
    f = seed_articles[0]
    text = f.read_text(encoding="utf-8")
    for date in ("2016-01-01", "2024-11-13"):
        expected = [
            {k: v for k, v in r.items() if k != "doc"}
            for r in run_cli(cli, "extract", "--date", date, str(f))
        ]
        got = quotestance.extract(text, date=date)
        assert [_without_char_offsets(q) for q in got] == expected


def test_a_malformed_date_raises_with_the_library_message():
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.Extractor(date="May 2024")
    assert "May 2024" in str(info.value)


def test_a_missing_speaker_table_raises_naming_the_file(tmp_path):
    missing = tmp_path / "no-such-table.json"
    with pytest.raises(quotestance.QuotestanceError) as info:
        quotestance.extract("text", speakers=missing)
    assert info.value.file == str(missing)
    assert str(missing) in str(info.value)


def test_a_str_is_not_taken_for_a_list_of_articles():
    with pytest.raises(TypeError):
        quotestance.Extractor().extract_many("one article")
