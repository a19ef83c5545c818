"""Electrodiffusion episodes of population runs (the episodes table: per dendrite and step, or per spine) and single-episode traces."""
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


# The `episodes` table of a population run (docs/electrodiffusion.md): one row per dendrite and step (segment_id and
# spine_id null) or, with Activity:EpisodeRows, per spine and step. Either way a row is a sum over spines: counts and
# totals add up, means are weighted (by episodes, or by the spines that had episodes for calcium), maxima take the max.
SUM_COLUMNS = ("spines", "episodes", "nmda_charge_fc", "ltp_inductions", "ltp_reversals", "ltd_inductions",
               "ltd_reversals", "activity_volume_change_um3")
EPISODE_MEANS = ("mean_peak_depolarization_mv", "mean_nmda_boost")
SPINE_MEANS = ("mean_calcium_um_s",)
MAX_COLUMNS = ("max_peak_depolarization_mv", "max_nmda_boost", "max_calcium_um_s")
PANEL_COLUMNS = ("mean_peak_depolarization_mv", "mean_nmda_boost", "mean_calcium_um_s", "episodes", "ltp_inductions",
                 "ltd_inductions")


def is_aggregate(episodes: pd.DataFrame) -> bool:
    """True for the population `episodes` table (rows that are sums over spines)."""
    return {"spines", "episodes"} <= set(episodes.columns)


def combine(episodes: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows of the population `episodes` table merged per key: sums, weighted means and maxima as in one row.
    Sums are per replicate (the mean over replicates of each replicate's total) when a replicate column is present."""
    df = episodes.copy()
    for c in EPISODE_MEANS:
        if c in df:
            df[c + "__w"] = df[c].fillna(0) * df["episodes"]
    for c in SPINE_MEANS:
        if c in df:
            df[c + "__w"] = df[c].fillna(0) * df["spines"]
    sums = [c for c in SUM_COLUMNS if c in df] + [c + "__w" for c in EPISODE_MEANS + SPINE_MEANS if c in df]
    maxes = [c for c in MAX_COLUMNS if c in df]
    rep = ["replicate"] if "replicate" in df.columns and "replicate" not in keys else []
    agg = {**{c: "sum" for c in sums}, **{c: "max" for c in maxes}}
    g = df.groupby(keys + rep, sort=True, dropna=False).agg(agg).reset_index() if keys + rep else df.agg(agg).to_frame().T
    out = g.copy()
    for c in EPISODE_MEANS:
        if c in df:
            out[c] = (g[c + "__w"] / g["episodes"]).where(g["episodes"] > 0)
    for c in SPINE_MEANS:
        if c in df:
            out[c] = (g[c + "__w"] / g["spines"]).where(g["spines"] > 0)
    out = out.drop(columns=[c for c in out.columns if c.endswith("__w")])
    if rep:  # per-replicate totals -> their mean; means and maxima likewise averaged over replicates
        cols = [c for c in out.columns if c not in keys + rep]
        out = out.groupby(keys, sort=True, dropna=False)[cols].mean().reset_index() if keys else out[cols].mean().to_frame().T
    return out


def plot_columns(episodes: pd.DataFrame) -> list[str]:
    """The quantities worth a panel: the population table's main columns, else every quantity."""
    if is_aggregate(episodes):
        return [c for c in PANEL_COLUMNS if c in episodes.columns]
    return quantity_columns(episodes)


def traces(episodes: pd.DataFrame) -> pd.DataFrame:
    """Every quantity per regime, arm and time: for the population table the rows combined (sums over dendrites
    per replicate averaged over replicates, weighted means, maxima); otherwise the mean over rows."""
    t = time_column(episodes)
    keys = [k for k in ("regime", "arm") if k in episodes.columns] + ([t] if t else [])
    if is_aggregate(episodes):
        return combine(episodes, keys)
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
