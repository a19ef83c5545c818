"""Measures of the virtual imaging sessions, in the papers' conventions (refs/drug_targets.md):
density and head-width change vs the first session (%, per replicate), drug minus vehicle (pp, paired by
replicate: both arms share seeds), formation and elimination as % of the previous session's spines."""
from __future__ import annotations

import pandas as pd

from .stats import summarize

KEY = ["regime", "replicate", "arm"]


def sessions(imaging: pd.DataFrame) -> pd.DataFrame:
    """Imaging rows sorted by session, with prev_session_day, interval_days and the previous visible count."""
    df = imaging.sort_values([*KEY, "session_day"]).reset_index(drop=True)
    g = df.groupby(KEY, sort=False)
    df["prev_session_day"] = g["session_day"].shift(1)
    df["interval_days"] = df["session_day"] - df["prev_session_day"]
    df["prev_spines_visible"] = g["spines_visible"].shift(1)
    return df


def changes(imaging: pd.DataFrame) -> pd.DataFrame:
    """Per replicate and session: density_change_pct and head_width_change_pct vs the replicate's first session,
    and formation/elimination recomputed from the counts (% of the previous session's visible spines)."""
    df = sessions(imaging)
    g = df.groupby(KEY, sort=False)
    first_n = g["spines_visible"].transform("first").astype(float)
    first_w = g["mean_head_width_um"].transform("first").astype(float)
    df["density_change_pct"] = 100.0 * (df["spines_visible"] / first_n.where(first_n > 0) - 1.0)
    df["head_width_change_pct"] = 100.0 * (df["mean_head_width_um"] / first_w - 1.0)
    prev = df["prev_spines_visible"].where(df["prev_spines_visible"] > 0)
    df["formation_pct_from_counts"] = 100.0 * df["new_since_last"] / prev
    df["elimination_pct_from_counts"] = 100.0 * df["lost_since_last"] / prev
    return df


def drug_minus_vehicle(per_replicate: pd.DataFrame, value: str, on: tuple[str, ...] = ("session_day",)) -> pd.DataFrame:
    """value(drug) - value(vehicle) for each regime, replicate and `on` key (paired: same replicate seed)."""
    cols = ["regime", "replicate", *on]
    drug = per_replicate[per_replicate["arm"] == "drug"][[*cols, value]]
    vehicle = per_replicate[per_replicate["arm"] == "vehicle"][[*cols, value]]
    both = drug.merge(vehicle, on=cols, suffixes=("_drug", "_vehicle"))
    both[value] = both[f"{value}_drug"] - both[f"{value}_vehicle"]
    both["arm"] = "drug-vehicle"
    return both


MEASURES = {
    "density_per_um": "density (1/um)",
    "density_change_pct": "density change vs first session (%)",
    "head_width_change_pct": "head width change vs first session (%)",
    "formation_pct": "formation (% of previous session)",
    "elimination_pct": "elimination (% of previous session)",
    "mean_head_width_um": "mean head width (um)",
    "spines_visible": "spines visible",
}


def time_course(imaging: pd.DataFrame, value: str) -> pd.DataFrame:
    """Mean and 95% t interval over replicates of `value` per regime, arm and session day."""
    df = changes(imaging)
    return summarize(df, value, ["regime", "arm", "session_day"])


def effect_time_course(imaging: pd.DataFrame, value: str) -> pd.DataFrame:
    """Mean and 95% interval over replicates of drug minus vehicle (pp) per regime and session day."""
    diff = drug_minus_vehicle(changes(imaging), value)
    return summarize(diff, value, ["regime", "arm", "session_day"])


def turnover_table(imaging: pd.DataFrame) -> pd.DataFrame:
    """Formation and elimination per imaging interval (mean and 95% interval), one row per regime/arm/interval."""
    df = changes(imaging)
    df = df[df["prev_session_day"].notna()]
    form = summarize(df, "formation_pct", ["regime", "arm", "prev_session_day", "session_day"])
    elim = summarize(df, "elimination_pct", ["regime", "arm", "prev_session_day", "session_day"])
    keys = ["regime", "arm", "prev_session_day", "session_day"]
    out = form[keys + ["mean", "ci_low", "ci_high", "n"]].merge(
        elim[keys + ["mean", "ci_low", "ci_high"]], on=keys, suffixes=("_formation", "_elimination"))
    return out.rename(columns={"prev_session_day": "from_day", "session_day": "to_day"})


def true_density_time_course(metrics: pd.DataFrame) -> pd.DataFrame:
    """Density of all simulated spines (metrics table, every step, no detection threshold): per replicate the
    mean over dendrites, then mean and 95% interval over replicates, per regime, arm and time (h)."""
    if metrics is None or "density_per_um" not in metrics.columns:
        return pd.DataFrame()
    per = metrics.groupby(["regime", "replicate", "arm", "time_h"], sort=True)["density_per_um"].mean().reset_index()
    return summarize(per, "density_per_um", ["regime", "arm", "time_h"])
