"""Particle exchange in population runs (table spine_exposure, Exchange section of the config): where along the
dendrite spines hold particles, and where they are stabilised (events of type 'stabilised')."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .config import as_float, cfg_get


def trapped_profile(spine_exposure: pd.DataFrame, species: str, bin_um: float = 10.0) -> pd.DataFrame:
    """Trapped particles per um of dendrite in position bins, averaged over steps and dendrites, per regime and arm.
    Columns: regime, arm, bin_start_um, bin_centre_um, trapped_per_um. Spines without particles have no row, so the
    sum of mean occupancies over a bin is the bin's trapped amount."""
    df = spine_exposure[spine_exposure["species"] == species].copy()
    if df.empty:
        return pd.DataFrame(columns=["regime", "arm", "bin_start_um", "bin_centre_um", "trapped_per_um"])
    df["bin_start_um"] = np.floor(df["position_um"] / bin_um) * bin_um
    keys = [k for k in ("regime", "arm") if k in df.columns]
    # per replicate: steps and dendrites seen, to turn sums into means
    rep = [k for k in ("regime", "replicate", "arm") if k in df.columns]
    norm = df.groupby(rep).agg(steps=("time_h", "nunique"), dendrites=("dendrite_id", "nunique")).reset_index()
    sums = df.groupby(rep + ["bin_start_um"])["mean_occupancy"].sum().reset_index()
    sums = sums.merge(norm, on=rep)
    sums["trapped_per_um"] = sums["mean_occupancy"] / (sums["steps"] * sums["dendrites"] * bin_um)
    out = sums.groupby(keys + ["bin_start_um"])["trapped_per_um"].mean().reset_index()
    out["bin_centre_um"] = out["bin_start_um"] + bin_um / 2
    return out


def stabilisation_profile(events: pd.DataFrame, bin_um: float = 10.0) -> pd.DataFrame:
    """Stabilisations (transient -> persistent) per um of dendrite in position bins, summed over the run and averaged
    over replicates and dendrites, per regime and arm. Columns: regime, arm, bin_start_um, bin_centre_um, per_um."""
    keys = [k for k in ("regime", "arm") if k in events.columns]
    rep = [k for k in ("regime", "replicate", "arm") if k in events.columns]
    dendrites = events.groupby(rep)["dendrite_id"].nunique().rename("dendrites").reset_index()
    st = events[events["event_type"] == "stabilised"].copy()
    st["bin_start_um"] = np.floor(st["position_um"] / bin_um) * bin_um
    counts = st.groupby(rep + ["bin_start_um"]).size().rename("n").reset_index().merge(dendrites, on=rep)
    counts["per_um"] = counts["n"] / (counts["dendrites"] * bin_um)
    out = counts.groupby(keys + ["bin_start_um"])["per_um"].mean().reset_index()
    out["bin_centre_um"] = out["bin_start_um"] + bin_um / 2
    return out


def steady_trapped_per_um(config: dict, species: str) -> float:
    """Production / degradation: the steady trapped particles per um when particles leave only by the reaction in
    spines (no absorbing ends), whatever the dwell kernel (NaN without production or reaction)."""
    for s in cfg_get(config, "Exchange", "Species", default=[]) or []:
        if cfg_get(s, "Name") == species:
            p = as_float(cfg_get(s, "ProductionPerUmPerH", default=0))
            theta_per_h = as_float(cfg_get(s, "ReactionRatePerMs", default=0)) * 3.6e6
            return p / theta_per_h if p > 0 and theta_per_h > 0 else float("nan")
    return float("nan")
