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


def seal(root: Path) -> Path:
    """Writes manifest.json (every part file with its size and SHA-256) and _SUCCESS, as a finished run does."""
    import hashlib

    from urllib.parse import unquote

    files = []
    for p in sorted(root.rglob("part-*.parquet")):
        rel = p.relative_to(root).as_posix()
        levels = rel.split("/")
        partition = dict(level.split("=", 1) for level in levels[1:-1])
        files.append({"path": rel, "table": levels[0], "partition": {k: unquote(v) for k, v in partition.items()},
                      "shard": int(levels[-1][5:10]), "rows": 0, "bytes": p.stat().st_size,
                      "sha256": hashlib.sha256(p.read_bytes()).hexdigest()})
    manifest = {"format": "agentspines-dataset", "format_version": 1, "software_version": "test", "seed": 9,
                "shards": 1, "files": files}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (root / "_SUCCESS").write_bytes(b"")
    return root
