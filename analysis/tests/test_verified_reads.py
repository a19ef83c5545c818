"""Verified reads (issue 14): load() refuses an incomplete or damaged run with the .NET reader's one line, unless
allow_incomplete=True, which reads the files that verify and lists what it skipped."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agentspines_analysis import load
from agentspines_analysis.layout import RunDirError
from agentspines_analysis.verify import IncompleteRunError
from test_loader import _edge_case_run

REPO = Path(__file__).resolve().parents[2]


def _flip(path: Path, at: int = 100) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x04
    path.write_bytes(bytes(data))


def test_a_sealed_run_loads_without_remarks(tmp_path):
    run = load(_edge_case_run(tmp_path / "edge"))
    assert run.skipped == []
    assert len(run.edge_cases) == 9


def test_a_bit_flipped_file_is_refused_in_one_line(tmp_path):
    root = _edge_case_run(tmp_path / "edge")
    victim = root / "edge_cases" / "regime=ket%20amine" / "replicate=2" / "part-00000.parquet"
    _flip(victim)
    with pytest.raises(IncompleteRunError) as e:
        load(root)
    line = str(e.value)
    assert "\n" not in line
    assert line.startswith(f"{root.resolve()}: incomplete or damaged dataset: edge_cases/regime=ket%20amine/replicate=2/part-00000.parquet: SHA-256")
    assert line.endswith("--allow-incomplete (allow_incomplete=True in Python) reads only the files that verify")


def test_allow_incomplete_reads_the_files_that_verify_and_says_what_it_skipped(tmp_path, capsys):
    root = _edge_case_run(tmp_path / "edge")
    _flip(root / "edge_cases" / "regime=ket%20amine" / "replicate=2" / "part-00000.parquet")
    run = load(root, allow_incomplete=True)
    assert sorted(run.edge_cases["replicate"].unique()) == [0, 10]      # replicate 2 skipped, 3 is empty
    assert "1 skipped" in run.skipped[0]
    assert any("replicate=2/part-00000.parquet: SHA-256" in line for line in run.skipped)
    assert "1 skipped" in capsys.readouterr().err


def test_a_run_without_success_or_manifest_is_refused_and_allow_incomplete_reads_it_unverified(tmp_path):
    root = _edge_case_run(tmp_path / "edge")
    (root / "_SUCCESS").unlink()
    (root / "manifest.json").unlink()
    with pytest.raises(IncompleteRunError, match=r"_SUCCESS is missing: the run did not finish \(and 1 more problem\)"):
        load(root)
    run = load(root, allow_incomplete=True)
    assert len(run.edge_cases) == 9
    assert "4 without a manifest checksum" in run.skipped[0]


def _cli() -> list[str]:
    dll = REPO / "src" / "AgentSpines.Cli" / "bin" / "Release" / "net10.0" / "agentspines.dll"
    return ["dotnet", str(dll)] if dll.is_file() else [str(REPO / "agentspines")]


def test_python_and_the_cli_refuse_with_the_same_line(tmp_path):
    root = _edge_case_run(tmp_path / "edge")
    _flip(root / "edge_cases" / "regime=ket%20amine" / "replicate=0" / "part-00000.parquet")
    with pytest.raises(IncompleteRunError) as e:
        load(root)
    proc = subprocess.run([*_cli(), "export", str(root), "--csv", str(tmp_path / "csv")], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"agentspines export: {e.value}"


def test_a_sigkilled_run_is_refused(tmp_path):
    out = tmp_path / "killed"
    proc = subprocess.Popen([*_cli(), "run", str(REPO / "configs" / "baseline.json"), "--out", str(out),
                             "--Run:DurationDays=10", "--Run:Replicates=200", "--Imaging:SessionDays=[-3,-1,1,3,5]", "--threads", "2",
                             "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Synchronise on the first events part file renamed into place, then SIGKILL: no manifest, no _SUCCESS.
        while proc.poll() is None and not list((out / "events").glob("*/*/part-*.parquet")):
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with pytest.raises(IncompleteRunError, match="_SUCCESS is missing: the run did not finish"):
        load(out)
    run = load(out, allow_incomplete=True)
    assert len(run.events) > 0
    shutil.rmtree(out, ignore_errors=True)


def test_report_refuses_an_incomplete_run_in_one_line_with_exit_2(tmp_path):
    root = _edge_case_run(tmp_path / "edge")
    (root / "_SUCCESS").unlink()
    proc = subprocess.run([sys.executable, "-m", "agentspines_analysis", "report", str(root), "--out", str(tmp_path / "r")],
                          cwd=REPO / "analysis", capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "_SUCCESS is missing: the run did not finish" in lines[0], proc.stderr
    assert not (tmp_path / "r" / "index.html").exists()


def test_a_malformed_manifest_is_a_one_line_error(tmp_path):
    root = _edge_case_run(tmp_path / "edge")
    (root / "manifest.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(RunDirError, match="manifest.json: malformed manifest"):
        load(root)
