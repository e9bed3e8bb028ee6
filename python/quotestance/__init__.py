"""quotestance: find quotations in English news, attribute them to speakers,
and classify their stance toward targets (us, ukraine, partnership, ...).

A thin layer over the Rust library (the native module
``quotestance._quotestance``): batches run in parallel on the Rust thread
pool with the GIL released, and the dicts have the CLI's fields.

>>> import quotestance
>>> quotes = quotestance.extract('"We are ready to talk," Lavrov said.')
>>> quotes[0]["speaker"]
'lavrov'

See docs/python.md for the whole API.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from ._quotestance import Extractor, QuotestanceError, StanceModel, __version__
from ._quotestance import train_file as _train_file
from ._quotestance import train_lines as _train_lines

__all__ = [
    "Extractor",
    "QuotestanceError",
    "StanceModel",
    "extract",
    "train",
    "to_pandas",
    "__version__",
]

_extractors: dict = {}


def _extractor(date: Optional[str], speakers: Union[str, os.PathLike, None]) -> Extractor:
    key = (date, None if speakers is None else os.fspath(speakers))
    ex = _extractors.get(key)
    if ex is None:
        ex = Extractor(date=date, speakers=speakers)
        if len(_extractors) > 16:
            _extractors.clear()
        _extractors[key] = ex
    return ex


def extract(
    text: str,
    date: Optional[str] = None,
    speakers: Union[str, os.PathLike, None] = None,
) -> list:
    """The quotations of one article, in text order.

    Each is a dict with the fields of ``quotestance extract``'s output less
    ``doc``: ``text``, ``start`` and ``end`` (byte offsets in the UTF-8
    article), ``kind`` (direct, partial, indirect, scare), ``speaker`` (a
    canonical id, a slug, ``other`` or None), ``speaker_text``,
    ``speaker_span``, ``cue``, ``cue_span``, ``via``, ``utterance``,
    ``sieve``; plus ``char_start`` and ``char_end``, Python string indices
    (``text[q["char_start"]:q["char_end"]] == q["text"]``; spans get them
    too).

    ``date`` (``YYYY-MM-DD``) resolves role nouns ("the foreign minister") to
    whoever held the office then; ``speakers`` is a speaker table (JSON)
    file instead of the built-in one. The extractor for a (date, speakers)
    pair is built once and reused; use :class:`Extractor` directly for
    ``extract_many`` (a parallel batch).
    """
    return _extractor(date, speakers).extract(text)


_TRAIN_PARAMS = (
    "folds",
    "seed",
    "alpha",
    "alphas",
    "metric",
    "selected_features",
    "max_iterations",
    "require_convergence",
    "class_balance",
    "targets",
    "speakers",
    "word_ngrams",
    "char_ngrams",
    "min_df",
    "max_features",
    "negation",
    "speaker_features",
)


def train(
    records: Union[str, os.PathLike, Iterable[Mapping[str, Any]]],
    **params: Any,
) -> StanceModel:
    """Trains a stance model (as ``quotestance train`` does).

    ``records``: a path to a JSONL file of labelled quotes, or an iterable of
    dicts of the same shape, e.g. ``{"text": ..., "speaker": "lavrov",
    "stance": {"us": "against"}, "source": "article-3"}`` (a pandas
    DataFrame's rows work too). A bad record raises
    :class:`QuotestanceError` naming it (``records[3], field `stance.us`:
    unknown label ...``; its ``index`` attribute is 3), or the file and line.

    Keyword parameters (the CLI's ``train`` options; omitted ones keep the
    library's defaults): ``folds`` (5; 0 skips cross-validation, then give
    ``alpha``), ``seed`` (42), ``alpha``, ``alphas`` ([1, 0.3, 0.1, 0.03]),
    ``metric`` ("f_avg" or "macro_f1"), ``selected_features`` (3000),
    ``max_iterations`` (100), ``require_convergence``, ``class_balance`` (omitted: chosen per
    target by cross-validation),
    ``targets``, ``speakers`` (a speaker table file), ``word_ngrams``
    ((1, 3) or None), ``char_ngrams`` ((2, 5) or None), ``min_df`` (2),
    ``max_features`` (50000), ``negation`` (True), ``speaker_features`` (True).
    Training releases the GIL.
    """
    unknown = sorted(set(params) - set(_TRAIN_PARAMS))
    if unknown:
        raise TypeError(f"train() got unknown parameter(s): {', '.join(unknown)}")
    full = {k: params.get(k) for k in _TRAIN_PARAMS}
    for k in ("word_ngrams", "char_ngrams"):
        if k in params and params[k] is None:
            full[k] = "none"
    params = full
    if isinstance(records, (str, os.PathLike)):
        return _train_file(records, params)
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        records = records.to_dict("records")
    lines = []
    for i, r in enumerate(records):
        try:
            lines.append(json.dumps(r, ensure_ascii=False, allow_nan=False))
        except (TypeError, ValueError) as e:
            err = QuotestanceError(f"records[{i}]: not representable as JSON: {e}")
            err.index, err.file, err.line, err.field = i, None, None, None
            raise err from e
    return _train_lines(lines, params)


def to_pandas(rows: Sequence[Mapping[str, Any]]):
    """A pandas DataFrame of ``extract`` or ``classify`` results, nested
    dicts flattened into columns (``speaker_span.start``,
    ``us.probabilities.favor``, ...). Needs pandas (not a dependency of
    quotestance: ``pip install pandas``)."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas needs pandas: pip install pandas") from e
    return pd.json_normalize(list(rows))
