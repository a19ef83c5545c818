"""load(run_dir): the tables of a run as typed pandas frames, partitions as columns, units in df.attrs."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterator

import pandas as pd

from . import readers, verify
from .dtypes import canonical_partition
from .layout import KNOWN_TABLES, RunLayout, scan

UNITS_KEY = "agentspines.units"
CONFIG_KEY = "agentspines.config"
SEED_KEY = "agentspines.seed"


def choose_backend(backend: str | None = None) -> str:
    """'pyarrow' when importable, else 'duckdb' (node); AGENTSPINES_PARQUET_BACKEND forces one."""
    backend = backend or os.environ.get("AGENTSPINES_PARQUET_BACKEND") or "auto"
    if backend not in ("auto", "pyarrow", "duckdb"):
        raise ValueError(f"backend '{backend}': allowed are auto, pyarrow, duckdb")
    if backend == "auto":
        return "pyarrow" if readers.pyarrow_available() else "duckdb"
    return backend


class Run:
    """A run directory's tables, read on first access and cached: run.events, run["imaging"], run.get("episodes").

    Tables that the run did not write are None as attributes (run.episodes) and missing as keys.
    The run must be complete and intact (verify.py): otherwise IncompleteRunError, unless allow_incomplete=True,
    which reads only the files that verify and lists what it skipped in run.skipped (and on stderr).
    """

    def __init__(self, run_dir: str | os.PathLike, backend: str | None = None, allow_incomplete: bool = False):
        self.layout: RunLayout = scan(run_dir)
        selection = verify.select(self.layout, allow_incomplete)
        self.layout.files = selection.files
        self.skipped: list[str] = selection.report(self.layout.root)
        for line in self.skipped:
            print(line, file=sys.stderr)
        self.path: Path = self.layout.root
        self.backend = choose_backend(backend)
        self._frames: dict[str, pd.DataFrame] = {}

    # --- mapping-like access -------------------------------------------------------------------------------
    @property
    def tables(self) -> list[str]:
        return self.layout.tables

    def __contains__(self, table: str) -> bool:
        return table in self.layout.files

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __getitem__(self, table: str) -> pd.DataFrame:
        if table not in self.layout.files:
            raise KeyError(f"the run at {self.path} has no table '{table}' (it has: {', '.join(self.tables)})")
        if table not in self._frames:
            self.preload([table])
        return self._frames[table]

    def get(self, table: str, default=None):
        return self[table] if table in self else default

    def preload(self, tables: list[str] | None = None) -> "Run":
        """Reads several tables at once (one node process for the DuckDB reader)."""
        wanted = [t for t in (tables or self.tables) if t in self.layout.files and t not in self._frames]
        if not wanted:
            return self
        if self.backend == "pyarrow":
            raw = {t: readers.read_with_pyarrow([f.path for f in self.layout.files[t]]) for t in wanted}
        else:
            raw = readers.read_with_duckdb({t: [f.path for f in self.layout.files[t]] for t in wanted})
        for t in wanted:
            self._frames[t] = _assemble(self.layout, t, raw[t])
        return self

    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("layout", "path", "backend", "skipped"):
            raise AttributeError(name)
        if name in self.layout.files:
            return self[name]
        if name in KNOWN_TABLES:
            return None
        raise AttributeError(f"'Run' has no attribute or table '{name}'")

    # --- run identity ------------------------------------------------------------------------------------
    @property
    def manifest(self) -> dict | None:
        return self.layout.manifest

    @property
    def config(self) -> dict:
        """The resolved run config (from manifest.json, else from the first file's metadata)."""
        m = self.layout.manifest or {}
        for key in ("config", "configJson", "ConfigJson", "config_json"):
            value = m.get(key)
            if isinstance(value, dict):
                return value
            if isinstance(value, str) and value.strip():
                try:
                    return json.loads(value)
                except json.JSONDecodeError:
                    pass
        for t in self.tables:
            cfg = self[t].attrs.get("config")
            if cfg:
                return cfg
        return {}

    @property
    def regimes(self) -> list[str]:
        names = set()
        for files in self.layout.files.values():
            for f in files:
                names.update(v for k, v in f.partition if k == "regime")
        return sorted(names)

    def __repr__(self) -> str:
        return f"Run({str(self.path)!r}, tables={self.tables}, backend={self.backend!r})"


def load(run_dir: str | os.PathLike, backend: str | None = None, tables: list[str] | None = None,
         allow_incomplete: bool = False) -> Run:
    """Opens a run directory after verifying it (_SUCCESS, manifest SHA-256 of every file). Tables are read lazily;
    pass tables=[...] to read those now. allow_incomplete=True reads only the files that verify."""
    run = Run(run_dir, backend, allow_incomplete)
    if tables is not None:
        run.preload(tables)
    return run


def _assemble(layout: RunLayout, table: str, read: readers.TableRead) -> pd.DataFrame:
    files = layout.files[table]
    frame = read.frame
    if sum(read.rows_per_file) != len(frame):
        raise RuntimeError(f"{table}: the reader gave {len(frame)} rows but the files hold {sum(read.rows_per_file)}")
    columns = {}
    for name, _ in files[0].partition:
        source = frame[name] if name in frame.columns else pd.Series(
            [v for f, n in zip(files, read.rows_per_file) for v in [dict(f.partition).get(name)] * n],
            dtype=object, index=frame.index)
        columns[name] = canonical_partition(name, source)
    rest = {c: frame[c] for c in frame.columns if c not in columns}
    out = pd.DataFrame({**columns, **rest}, index=pd.RangeIndex(len(frame)))
    out.attrs = _attrs(table, files, read.metadata)
    return out


def _attrs(table: str, files, metadata) -> dict:
    units: dict[str, str] = {}
    config = None
    seed = None
    first = {}
    for f in files:
        kv = metadata.get(str(f.path), {})
        if not first:
            first = dict(kv)
        if UNITS_KEY in kv:
            try:
                for k, v in json.loads(kv[UNITS_KEY]).items():
                    units.setdefault(k, v)
            except json.JSONDecodeError:
                pass
        if config is None and CONFIG_KEY in kv:
            try:
                config = json.loads(kv[CONFIG_KEY])
            except json.JSONDecodeError:
                config = None
        if seed is None and SEED_KEY in kv:
            try:
                seed = int(kv[SEED_KEY])
            except ValueError:
                pass
    return {"table": table, "units": units, "config": config or {}, "seed": seed, "metadata": first}
