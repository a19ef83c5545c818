"""Fixtures: the real small simulation (AGENTSPINES_RUN_DIR, else built here with ./agentspines) and its tables.

Without a real run the tests that need one are skipped, unless AGENTSPINES_REQUIRE_REAL_RUN=1 (run_tests.sh sets
it), which turns a missing run into a failure.
"""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import real_run  # noqa: E402
from agentspines_analysis import load  # noqa: E402

_TMP = Path(tempfile.mkdtemp(prefix="agentspines-analysis-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)  # the runs built here go with the session


def _real(kind: str, env: str, marker: str = "_SUCCESS") -> Path:
    given = os.environ.get(env)
    if given:
        if not (Path(given) / marker).is_file():
            pytest.fail(f"{env}={given} is not complete (no {marker})")
        return Path(given)
    try:
        return real_run.build(kind, _TMP / kind)
    except Exception as e:  # the simulator may not be buildable on a developer machine
        if os.environ.get("AGENTSPINES_REQUIRE_REAL_RUN") == "1":
            pytest.fail(f"no real {kind} run: {e}")
        pytest.skip(f"no real {kind} run (set {env} or make ./agentspines work): {e}")


@pytest.fixture(scope="session")
def run_dir() -> Path:
    return _real("plasticity", "AGENTSPINES_RUN_DIR")


@pytest.fixture(scope="session")
def run(run_dir):
    r = load(run_dir)
    r.preload()
    return r


@pytest.fixture(scope="session")
def transport_run_dir() -> Path:
    return _real("transport", "AGENTSPINES_TRANSPORT_RUN_DIR")


@pytest.fixture(scope="session")
def anomalous_run_dir() -> Path:
    return _real("anomalous", "AGENTSPINES_ANOMALOUS_RUN_DIR")


@pytest.fixture(scope="session")
def exchange_run_dir() -> Path:
    return _real("exchange", "AGENTSPINES_EXCHANGE_RUN_DIR")


@pytest.fixture(scope="session")
def episode_dir() -> Path:
    """Folder of neck-<L>nm.csv traces and .json summaries of real single episodes (AGENTSPINES_EPISODE_DIR)."""
    return _real("episodes", "AGENTSPINES_EPISODE_DIR", marker="neck-500nm.json")


@pytest.fixture(scope="session")
def tmp_root() -> Path:
    return _TMP
