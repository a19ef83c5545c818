"""Two ways to read a table's Parquet files into one pandas frame: pyarrow (users) and DuckDB via node (here/CI).

Both return a TableRead: the frame of the file columns (files in the order given), the rows each file gave and
{file path: {metadata key: value}}, with the dtypes pyarrow's to_pandas() gives; strings are object columns.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dtypes import csv_read_dtype, finish_column, FLOATS

PACKAGE_DIR = Path(__file__).resolve().parent
EXPORT_SCRIPT = PACKAGE_DIR / "duckdb_export.cjs"


@dataclass
class TableRead:
    frame: pd.DataFrame
    rows_per_file: list[int]
    metadata: dict[str, dict[str, str]]


class ReaderUnavailable(RuntimeError):
    """Neither pyarrow nor DuckDB-for-node can be found."""


def pyarrow_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _strings_as_object(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        if pd.api.types.is_string_dtype(df[c].dtype) and df[c].dtype != object:
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def read_with_pyarrow(files: list[Path]) -> TableRead:
    import pyarrow.parquet as pq

    frames, metadata = [], {}
    for f in files:
        frame = pd.read_parquet(f, engine="pyarrow")
        # Only the file's own columns: load() adds the hive partitions the same way for both readers.
        names = pq.read_schema(f).names
        frames.append(_strings_as_object(frame[[c for c in names if c in frame.columns]].copy()))
        kv = pq.read_metadata(f).metadata or {}
        metadata[str(f)] = {k.decode("utf-8"): v.decode("utf-8", errors="replace") for k, v in kv.items()}
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return TableRead(frame, [len(f) for f in frames], metadata)


def find_node_modules_parent() -> Path | None:
    """A folder whose node_modules holds @duckdb/node-api: $AGENTSPINES_DUCKDB_NODE_DIR, else <repo>/tests/interop."""
    candidates = []
    env = os.environ.get("AGENTSPINES_DUCKDB_NODE_DIR")
    if env:
        candidates.append(Path(env))
    candidates.append(PACKAGE_DIR.parent.parent / "tests" / "interop")
    candidates.append(Path.cwd() / "tests" / "interop")
    for c in candidates:
        if (c / "node_modules" / "@duckdb" / "node-api" / "package.json").is_file():
            return c.resolve()
        if c.name == "node_modules" and (c / "@duckdb" / "node-api").is_dir():
            return c.parent.resolve()
    return None


def duckdb_available() -> bool:
    return find_node_modules_parent() is not None and shutil.which(os.environ.get("AGENTSPINES_NODE", "node")) is not None


def read_with_duckdb(tables: dict[str, list[Path]]) -> dict[str, TableRead]:
    """Reads several tables in one node process (DuckDB writes CSV, pandas parses it with the schema's dtypes)."""
    parent = find_node_modules_parent()
    node = shutil.which(os.environ.get("AGENTSPINES_NODE", "node"))
    if parent is None or node is None:
        raise ReaderUnavailable(
            "cannot read Parquet: install pyarrow (pip install pyarrow) or DuckDB for node "
            "(node 20 and `npm ci` in <repo>/tests/interop, or set AGENTSPINES_DUCKDB_NODE_DIR to a folder "
            "whose node_modules holds @duckdb/node-api)")
    with tempfile.TemporaryDirectory(prefix="agentspines-duckdb-") as tmp:
        request = {"node_modules_parent": str(parent), "out_dir": tmp,
                   "tables": {t: [str(f) for f in fs] for t, fs in tables.items()}}
        req_path = Path(tmp) / "request.json"
        req_path.write_text(json.dumps(request), encoding="utf-8")
        proc = subprocess.run([node, str(EXPORT_SCRIPT), str(req_path)], capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"DuckDB (node) could not read the Parquet files: {proc.stderr.strip()}")
        answer = json.loads(proc.stdout)
        out = {}
        for table, info in answer.items():
            files = request["tables"][table]
            out[table] = TableRead(
                _parse_csv(Path(tmp) / f"{table}.csv", info["columns"], sum(info["rows_per_file"])),
                [int(n) for n in info["rows_per_file"]],
                {f: {k: base64.b64decode(v).decode("utf-8", errors="replace") for k, v in kv.items()}
                 for f, kv in info["metadata"].items()})
            if len(out[table].rows_per_file) != len(files):
                raise RuntimeError(f"DuckDB reported rows for {len(out[table].rows_per_file)} of {len(files)} files")
        return out


def _parse_csv(path: Path, columns: list[list[str]], rows: int) -> pd.DataFrame:
    names = [c[0] for c in columns]
    types = dict((c[0], c[1]) for c in columns)
    na = {n: (["\\N", "nan", "-nan", "NaN"] if types[n] in FLOATS else ["\\N"]) for n in names}
    frame = pd.read_csv(path, dtype={n: csv_read_dtype(t) for n, t in types.items()}, na_values=na,
                        keep_default_na=False, float_precision="round_trip")
    if len(frame) != rows:
        raise RuntimeError(f"DuckDB exported {len(frame)} rows of {rows} ({path.name})")
    frame.columns = names  # the header of a forced-quote column is quoted; keep the schema's names
    for n in names:
        frame[n] = finish_column(frame[n], types[n])
    return frame
