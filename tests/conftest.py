"""Shared fixtures: the real CLI entry point, real DuckDB files, and ../shared when present."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRENEMY_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared material beside the checkout); absent here")
    return path


def retrained(script: str, needs: tuple[str, ...], out: Path, *args: str) -> dict:
    """Run a training script of ``scripts/`` on ../shared (skipping without ``needs`` there) and
    return the model it writes to ``out``: shipped weights must be what their script makes."""
    shared_path(*needs)
    subprocess.run([sys.executable, str(REPO / "scripts" / script), "--shared", str(SHARED), "--out", str(out), *args],
                   check=True, capture_output=True, timeout=600)
    return json.loads(out.read_text(encoding="utf-8"))


def run_cli(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None, timeout: float = 600):
    """Run the installed ``frenemy`` console script and return the CompletedProcess."""
    script = Path(sys.executable).with_name("frenemy")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "frenemy"]
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        command + list(args),
        input=data,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"
