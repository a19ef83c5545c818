"""Writes small hand-made Parquet files through DuckDB (node), for loader tests of edge cases."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

from agentspines_analysis.readers import find_node_modules_parent

HERE = Path(__file__).resolve().parent


def write_parquet(frame: pd.DataFrame, path: Path, types: dict[str, str], kv: dict[str, str] | None = None) -> Path:
    """types: DuckDB type per column (DOUBLE, BIGINT, INTEGER, BOOLEAN, VARCHAR); None/NaN -> null."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "in.csv"
        out = frame.copy()
        for c in out.columns:
            out[c] = [("\\N" if v is None or (isinstance(v, float) and pd.isna(v)) else
                       (str(v).lower() if isinstance(v, bool) else repr(v) if isinstance(v, float) else str(v)))
                      for v in out[c]]
        out.to_csv(csv, index=False)
        req = Path(tmp) / "req.json"
        req.write_text(json.dumps({"node_modules_parent": str(find_node_modules_parent()), "csv": str(csv),
                                   "out": str(path), "types": types, "kv": kv or {}}))
        proc = subprocess.run(["node", str(HERE / "write_parquet.cjs"), str(req)], capture_output=True, text=True)
        if proc.returncode:
            raise RuntimeError(proc.stderr)
    return path
