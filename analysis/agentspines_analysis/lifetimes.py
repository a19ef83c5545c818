"""Spine lifetimes from the events table: formed -> eliminated, right-censored at the end of the run."""
from __future__ import annotations

import numpy as np
import pandas as pd

SPINE_KEY = ["regime", "replicate", "arm", "dendrite_id", "spine_id"]


def spine_lifetimes(events: pd.DataFrame, end_h: float | None = None) -> pd.DataFrame:
    """One row per spine: formed_h (NaN if it existed before the log starts), eliminated_h (NaN if alive at the end),
    lifetime_h (eliminated - formed when both are known, else the time observed so far, a lower bound),
    observed (both ends seen) and censored (still alive at end_h; end_h defaults to the last event time)."""
    key = [k for k in SPINE_KEY if k in events.columns]
    ev = events[events["event_type"].isin(["formed", "eliminated"])]
    if end_h is None:
        end_h = float(events["time_h"].max()) if len(events) else 0.0
    formed = ev[ev["event_type"] == "formed"].groupby(key, sort=False)["time_h"].min().rename("formed_h")
    gone = ev[ev["event_type"] == "eliminated"].groupby(key, sort=False)["time_h"].max().rename("eliminated_h")
    out = pd.concat([formed, gone], axis=1).reset_index()
    out["censored"] = out["eliminated_h"].isna()
    out["observed"] = out["formed_h"].notna() & ~out["censored"]
    start = out["formed_h"].fillna(0.0)
    stop = out["eliminated_h"].fillna(end_h)
    out["lifetime_h"] = stop - start
    return out.sort_values(key).reset_index(drop=True)


def kaplan_meier(lifetimes: pd.DataFrame) -> pd.DataFrame:
    """Survival S(t) of spines whose formation was seen, counting censored ones as at risk until the end.
    Rows: t_h (event times), at_risk, deaths, survival (product of 1 - deaths/at_risk)."""
    born = lifetimes[lifetimes["formed_h"].notna()]
    if born.empty:
        return pd.DataFrame(columns=["t_h", "at_risk", "deaths", "survival"])
    t = born["lifetime_h"].to_numpy(float)
    died = ~born["censored"].to_numpy(bool)
    times = np.unique(t[died])
    rows, s = [], 1.0
    for x in times:
        at_risk = int(np.sum(t >= x))
        deaths = int(np.sum((t == x) & died))
        s *= 1.0 - deaths / at_risk
        rows.append({"t_h": float(x), "at_risk": at_risk, "deaths": deaths, "survival": s})
    return pd.DataFrame(rows)


def lifetime_summary(lifetimes: pd.DataFrame) -> pd.DataFrame:
    """Per regime and arm: spines born, eliminated, median of observed lifetimes (h), KM median (h, NaN if S stays
    above 1/2) and the fraction of born spines still alive at the end."""
    rows = []
    for (regime, arm), g in lifetimes.groupby(["regime", "arm"], sort=True):
        born = g[g["formed_h"].notna()]
        km = kaplan_meier(g)
        below = km[km["survival"] <= 0.5]
        rows.append({"regime": regime, "arm": arm, "spines": len(g), "born": len(born),
                     "eliminated_after_birth": int(born["observed"].sum()),
                     "median_observed_lifetime_h": float(born.loc[born["observed"], "lifetime_h"].median()) if born["observed"].any() else np.nan,
                     "km_median_lifetime_h": float(below["t_h"].iloc[0]) if len(below) else np.nan,
                     "born_alive_at_end_fraction": float(born["censored"].mean()) if len(born) else np.nan})
    return pd.DataFrame(rows)
