"""Type stubs of the native module (see quotestance/__init__.py)."""

import os
from typing import Any, Optional, Sequence, Union

__version__: str

_Path = Union[str, os.PathLike[str]]

class QuotestanceError(Exception):
    """A library error; the message names the file, line and field."""

    file: Optional[str]
    line: Optional[int]
    field: Optional[str]
    index: Optional[int]

class Extractor:
    """Finds quotations and attributes them to speakers."""

    def __init__(self, date: Optional[str] = None, speakers: Optional[_Path] = None) -> None: ...
    def extract(self, text: str) -> list[dict[str, Any]]:
        """The quotations of one article (the CLI's fields plus char offsets)."""
    def extract_many(self, texts: Sequence[str]) -> list[list[dict[str, Any]]]:
        """The quotations of each article, extracted in parallel."""

class StanceModel:
    """A fitted stance model, one classifier per target."""

    @staticmethod
    def load(path: _Path) -> StanceModel: ...
    @staticmethod
    def from_json(text: str, name: str = "<string>") -> StanceModel: ...
    def save(self, path: _Path) -> None: ...
    def to_json(self) -> str: ...
    def classify(
        self,
        texts: Sequence[str],
        speakers: Union[None, str, Sequence[Optional[str]]] = None,
    ) -> list[dict[str, dict[str, Any]]]:
        """One `{target: {"label", "probabilities"}}` dict per text."""
    def explain(
        self, text: str, target: str, top: int = 5, speaker: Optional[str] = None
    ) -> dict[str, Any]: ...
    @property
    def targets(self) -> list[str]: ...
    @property
    def n_features(self) -> int: ...
    @property
    def warnings(self) -> list[str]: ...
    @property
    def info(self) -> dict[str, Any]: ...

def train_lines(lines: Sequence[str], params: dict[str, Any]) -> StanceModel: ...
def train_file(path: _Path, params: dict[str, Any]) -> StanceModel: ...
