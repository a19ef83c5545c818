"""load(): partitions as typed columns, dtypes from the Parquet schema, units from metadata, both readers equal."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from agentspines_analysis import load, readers
from agentspines_analysis.layout import RunDirError
from parquet_fixture import seal, write_parquet

REPO_ANALYSIS = Path(__file__).resolve().parents[1]

# dtypes pandas gives the documented columns (nullable columns may become float64 when they hold nulls)
EXPECTED = {
    "events": {"time_h": "float64", "dendrite_id": "int64", "spine_id": "int64", "event_type": "object", "arm": "object",
               "position_um": "float64", "cause": "object"},
    "snapshots": {"time_h": "float64", "spine_id": "int64", "silent": "bool", "head_volume_um3": "float64",
                  "head_width_um": "float64", "age_h": "float64", "state": "object"},
    "metrics": {"time_h": "float64", "n_spines": "int32", "density_per_um": "float64", "formed": "int32"},
    "imaging": {"session_day": "float64", "density_per_um": "float64", "formation_pct": "float64", "arm": "object"},
    "cohorts": {"cohort_day": "float64", "session_day": "float64", "survival_fraction": "float64", "arm": "object"},
}


def test_real_run_has_the_documented_tables(run):
    for t in ("events", "snapshots", "metrics", "imaging", "cohorts"):
        assert t in run.tables, f"real run lacks {t}: {run.tables}"
        assert len(run[t]) > 0


def test_partition_columns_are_typed_and_first(run):
    for t in run.tables:
        df = run[t]
        assert list(df.columns[:2]) == ["regime", "replicate"]
        assert df["regime"].dtype == object and all(isinstance(v, str) for v in df["regime"].unique())
        assert df["replicate"].dtype == np.int64


def test_column_dtypes_follow_the_parquet_schema(run):
    for table, cols in EXPECTED.items():
        df = run[table]
        for col, dtype in cols.items():
            if col in df.columns:
                assert str(df[col].dtype) == dtype, f"{table}.{col}: {df[col].dtype} != {dtype}"


def test_row_counts_match_the_manifest(run):
    manifest = run.manifest
    assert manifest, "real run has a manifest.json"
    files = manifest.get("files") or manifest.get("Files")
    rows = {}
    for f in files:
        table = f.get("table") or f.get("Table")
        rows[table] = rows.get(table, 0) + int(f.get("rows", f.get("Rows")))
    for table, n in rows.items():
        assert len(run[table]) == n, table


def test_replicates_in_frame_match_the_partition_folders(run, run_dir):
    folders = sorted(int(p.name.split("=")[1]) for p in (Path(run_dir) / "imaging").glob("regime=*/replicate=*"))
    assert sorted(run.imaging["replicate"].unique()) == sorted(set(folders))


def test_units_come_from_the_file_metadata(run, run_dir):
    assert run.events.attrs["units"].get("time_h") == "h"
    assert run.snapshots.attrs["units"].get("head_volume_um3") == "um^3"
    assert run.metrics.attrs["units"].get("density_per_um") == "1/um"
    assert run.events.attrs["config"], "the run config is carried in every file"
    assert run.config


def _edge_case_run(root: Path) -> Path:
    types = {"time_h": "DOUBLE", "spine_id": "BIGINT", "vol": "DOUBLE", "s": "VARCHAR", "b": "BOOLEAN", "n": "INTEGER", "k": "INTEGER"}
    kv = {"agentspines.units": json.dumps({"time_h": "h", "vol": "um^3"}), "agentspines.seed": "9"}
    for rep in (0, 2, 10):
        df = pd.DataFrame({"time_h": [0.1 * rep, 1 / 3, float("nan")], "spine_id": [rep, 2**40, -1],
                           "vol": [None, 1e-300, 2.5], "s": ['a,"b', None, "é nan"], "b": [True, False, None],
                           "n": [1, None, 3], "k": [7, 8, 9]})
        write_parquet(df, root / "events" / "regime=ket%20amine" / f"replicate={rep}" / "part-00000.parquet", types, kv)
    empty = pd.DataFrame({"time_h": [], "spine_id": [], "vol": [], "s": [], "b": [], "n": [], "k": []})
    write_parquet(empty, root / "events" / "regime=ket%20amine" / "replicate=3" / "part-00001.parquet", types, kv)
    return seal(root)


def test_edge_cases_nulls_escapes_ordering(tmp_path):
    run = load(_edge_case_run(tmp_path / "edge"))
    e = run.events
    assert e["regime"].unique().tolist() == ["ket amine"]              # percent-decoded partition value
    assert e["replicate"].tolist() == [0] * 3 + [2] * 3 + [10] * 3      # numeric order, empty file contributes none
    assert e["spine_id"].dtype == np.int64 and e["spine_id"].iloc[1] == 2**40
    assert e["vol"].iloc[1] == 1e-300 and np.isnan(e["vol"].iloc[0])
    assert e["time_h"].iloc[3] == 0.2 and e["time_h"].iloc[4] == 1 / 3  # exact round trip of doubles
    assert e["s"].tolist()[:3] == ['a,"b', None, "é nan"]
    assert e["b"].dtype == object and e["b"].tolist()[:3] == [True, False, None]
    assert e["n"].dtype == np.float64 and np.isnan(e["n"].iloc[1])     # int with nulls -> float64 (as pyarrow)
    assert e["k"].dtype == np.int32
    assert e.attrs["units"] == {"time_h": "h", "vol": "um^3"} and e.attrs["seed"] == 9
    assert run.snapshots is None and "snapshots" not in run


@pytest.mark.skipif(not readers.pyarrow_available(), reason="pyarrow is not installed (it cannot be on the CI machine)")
def test_pyarrow_and_duckdb_give_equal_frames(run_dir, tmp_path):
    if not readers.duckdb_available():
        pytest.skip("DuckDB for node is not installed")
    for root in (Path(run_dir), _edge_case_run(tmp_path / "edge")):
        a, b = load(root, backend="pyarrow"), load(root, backend="duckdb")
        for t in a.tables:
            pd.testing.assert_frame_equal(a[t], b[t], check_exact=True)
            assert a[t].attrs == b[t].attrs


def test_missing_run_dir_is_a_one_line_error(tmp_path):
    with pytest.raises(RunDirError, match="does not exist"):
        load(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RunDirError, match="no tables"):
        load(tmp_path / "empty")


def test_missing_reader_names_how_to_install(tmp_path, monkeypatch):
    root = _edge_case_run(tmp_path / "edge")
    monkeypatch.setattr(readers, "find_node_modules_parent", lambda: None)
    with pytest.raises(readers.ReaderUnavailable, match="pip install pyarrow.*npm ci"):
        load(root, backend="duckdb").events


def test_cli_report_missing_dir_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "agentspines_analysis", "report", str(tmp_path / "nope")],
                          cwd=REPO_ANALYSIS, capture_output=True, text=True)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "does not exist" in proc.stderr
