"""The package's column list (data/columns.json, generated from the .NET schemas) against real runs and broken tables."""
import json
from pathlib import Path

import pandas as pd
import pytest

from agentspines_analysis import columns, load
from agentspines_analysis.layout import KNOWN_TABLES
from parquet_fixture import seal, write_parquet

_DUCKDB = {"Int32": "INTEGER", "Int64": "BIGINT", "Double": "DOUBLE", "Float": "FLOAT", "String": "VARCHAR", "Boolean": "BOOLEAN"}


def _schema(table: str, source_suffix: str) -> list[dict]:
    listed = json.loads((Path(columns.__file__).parent / "data" / "columns.json").read_text())["tables"][table]
    return next(v["columns"] for v in listed if v["source"].endswith(source_suffix))


def test_every_table_of_real_runs_has_exactly_the_listed_columns(run, transport_run_dir):
    transport = load(transport_run_dir)
    for r in (run, transport):
        for table in r.tables:
            assert table in columns.TABLES, f"{r.path}: table '{table}' is not in data/columns.json"
            frame = r[table]
            got = set(frame.columns) - {k for k, _ in r.layout.files[table][0].partition}
            assert any(got == set(v) for v in columns.TABLES[table]), f"{table}: {sorted(got)}"


def test_known_tables_come_from_the_list():
    assert set(KNOWN_TABLES) == set(columns.TABLES)
    assert columns.UNITS["snapshots"]["head_volume_um3"] == "um^3"


def test_a_missing_column_is_named():
    events = [c for c in columns.TABLES["events"][0]]
    columns.check("events", events)
    with pytest.raises(columns.SchemaMismatch, match=f"missing: {events[-1]}"):
        columns.check("events", events[:-1])
    with pytest.raises(columns.SchemaMismatch, match="not in the schema: surprise"):
        columns.check("events", events + ["surprise"])
    with pytest.raises(KeyError, match="cohort_sise"):
        columns.col("cohorts", "cohort_sise")
    assert columns.col("cohorts", "cohort_size") == "cohort_size"


def test_loading_a_table_without_one_of_its_columns_fails(tmp_path):
    """A Parquet cohorts table written without cohort_size: load() fails naming it (it used to be a skip)."""
    spec = [c for c in _schema("cohorts", "ImagingTables.Cohorts") if c["name"] != "cohort_size"]
    frame = pd.DataFrame({c["name"]: [1.0 if c["type"] in ("Double", "Float") else "x" if c["type"] == "String" else 1]
                          for c in spec})
    write_parquet(frame, tmp_path / "run" / "cohorts" / "regime=a" / "replicate=0" / "part-00000.parquet",
                  {c["name"]: _DUCKDB[c["type"]] for c in spec})
    seal(tmp_path / "run")  # a finished, verified run: the schema check, not the verification, must refuse it
    with pytest.raises(columns.SchemaMismatch, match="missing: cohort_size"):
        load(tmp_path / "run").cohorts
