"""Shared fixtures: the repository, ../shared (the real-news data), and the
CLI the Python results are compared with.

Under CI=true a test that needs ../shared fails when it is missing; without
CI it is skipped with a message. The CLI is $QUOTESTANCE_CLI when set (CI
points it at the binary `cargo test` built), else `cargo build` is run once
and target/debug/quotestance is used, so it is never a stale binary.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("QUOTESTANCE_SHARED", ROOT.parent / "shared"))
MODEL = ROOT / "models" / "stance.json"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(path: Path) -> Path:
    """`path` under ../shared, or fail (CI) / skip (elsewhere) when missing."""
    if not path.exists():
        msg = f"{path} is missing (the shared data set beside the checkout)"
        if in_ci():
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def need_module(name: str):
    """Imports an optional module, failing under CI and skipping elsewhere."""
    try:
        return __import__(name)
    except ImportError:
        if in_ci():
            pytest.fail(f"{name} is not installed (CI must install it)")
        pytest.skip(f"{name} is not installed")


@pytest.fixture(scope="session")
def shared() -> Path:
    return need(SHARED)


@pytest.fixture(scope="session")
def seed_articles(shared: Path) -> list[Path]:
    files = sorted(need(shared / "seeds").glob("*.txt"))
    assert len(files) >= 5, files
    return files


@pytest.fixture(scope="session")
def dev_articles(shared: Path) -> list[Path]:
    files = sorted(need(shared / "dev" / "articles").glob("*.txt"))
    assert len(files) >= 20, files
    return files


@pytest.fixture(scope="session")
def cli() -> Path:
    env = os.environ.get("QUOTESTANCE_CLI")
    if env:
        path = Path(env)
        assert path.is_file(), f"QUOTESTANCE_CLI={env} is not a file"
        return path
    subprocess.run(
        ["cargo", "build", "--quiet", "--bin", "quotestance"], cwd=ROOT, check=True
    )
    return ROOT / "target" / "debug" / "quotestance"


def run_cli(cli: Path, *args: str, stdin: bytes | None = None) -> list[dict]:
    """Runs the CLI and parses its JSONL standard output."""
    out = subprocess.run(
        [str(cli), "--no-progress", *args],
        input=stdin,
        capture_output=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]
