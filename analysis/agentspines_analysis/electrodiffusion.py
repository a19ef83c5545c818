"""Electrodiffusion episode aggregates (episodes table): per-spine summaries of synaptic episodes over time."""
from __future__ import annotations

import pandas as pd

ID_COLUMNS = {"regime", "replicate", "arm", "dendrite_id", "segment_id", "spine_id", "episode_id", "replicate_id"}
TIME_COLUMNS = ("time_h", "t_ms", "time_ms", "t_us")


def time_column(episodes: pd.DataFrame) -> str | None:
    return next((c for c in TIME_COLUMNS if c in episodes.columns), None)


def quantity_columns(episodes: pd.DataFrame) -> list[str]:
    """Numeric columns that are measured quantities (not ids, not the time axis)."""
    t = time_column(episodes)
    return [c for c in episodes.columns
            if c not in ID_COLUMNS and c != t and pd.api.types.is_numeric_dtype(episodes[c])
            and not pd.api.types.is_bool_dtype(episodes[c])]


def traces(episodes: pd.DataFrame) -> pd.DataFrame:
    """Mean of every quantity per regime, arm and time (over spines and replicates)."""
    t = time_column(episodes)
    keys = [k for k in ("regime", "arm") if k in episodes.columns] + ([t] if t else [])
    cols = quantity_columns(episodes)
    if not keys:
        return episodes[cols].mean().to_frame().T
    return episodes.groupby(keys, sort=True)[cols].mean().reset_index()


def summary(episodes: pd.DataFrame) -> pd.DataFrame:
    """Per regime and arm: mean, sd and count of each quantity (long format)."""
    keys = [k for k in ("regime", "arm") if k in episodes.columns]
    rows = []
    groups = episodes.groupby(keys, sort=True) if keys else [((), episodes)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        for c in quantity_columns(episodes):
            v = g[c].dropna()
            rows.append({**dict(zip(keys, key)), "quantity": c, "mean": v.mean(), "sd": v.std(ddof=1), "n": len(v)})
    return pd.DataFrame(rows)


SUFFIX_UNITS = {"_ms": "ms", "_mv": "mV", "_mm": "mM", "_pa": "pA", "_fc": "fC", "_nm": "nm", "_um": "um", "_mohm": "MOhm"}


def read_trace(path) -> pd.DataFrame:
    """A head trace written by `agentspines episode --trace-csv FILE` (t_ms, v_head_mv, na_mm, ...); units in attrs
    from the column suffixes."""
    df = pd.read_csv(path)
    df.attrs["units"] = {c: u for c in df.columns for s, u in SUFFIX_UNITS.items() if c.endswith(s)}
    return df


def run_episode(cli, trace_csv, timeout_s: float = 300, **options) -> tuple[dict, pd.DataFrame]:
    """Runs one episode with the agentspines CLI (options as keyword arguments: neck_length_nm=500 ->
    --neck-length-nm 500) and returns its JSON summary and head trace."""
    import json
    import subprocess
    from pathlib import Path

    cmd = [str(cli), "episode", "--json", "--trace-csv", str(trace_csv)]
    for k, v in options.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, cwd=Path(cli).resolve().parent)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), read_trace(trace_csv)
