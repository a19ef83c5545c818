"""Published targets (data/targets.json, from refs/drug_targets.md) against the simulated imaging measures."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import imaging as im
from .config import as_float, cfg_get
from .stats import mean_ci

TARGETS_FILE = Path(__file__).resolve().parent / "data" / "targets.json"
DAY_EPS = 1e-6


def load_targets(path: str | Path | None = None) -> dict:
    with open(path or TARGETS_FILE, encoding="utf-8") as f:
        return json.load(f)


def _norm(name) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def target_regime_for(regime: str, config: dict | None, targets: dict) -> str | None:
    """Which target regime a run regime is: by name (or alias), else by the config's drug and first dose."""
    aliases = {t: {_norm(t), *(_norm(a) for a in targets.get("aliases", {}).get(t, []))}
               for t in {e["regime"] for e in targets["targets"]}}
    for t, names in aliases.items():
        if _norm(regime) in names:
            return t
    drug = cfg_get(config or {}, "Regime", "Drug")
    if drug is None:
        return None
    dose = as_float(cfg_get(config, "Regime", "Doses", 0, "MgPerKg"))
    for t, names in aliases.items():
        if _norm(drug) in names:
            want = targets.get("doses_mg_per_kg", {}).get(t)
            if want is None or (math.isfinite(dose) and abs(dose - want) < 1e-9):
                return t
    return None


def _at(df: pd.DataFrame, column: str, day: float) -> pd.DataFrame:
    return df[(df[column] - day).abs() < DAY_EPS]


def simulated_values(target: dict, per_replicate: pd.DataFrame, cohorts: pd.DataFrame | None, regime: str):
    """Per-replicate simulated values for one target (an array), or (None, reason) when not measurable."""
    measure, arm, day = target["measure"], target.get("arm", "drug"), target.get("day")
    rows = per_replicate[per_replicate["regime"] == regime]
    if measure == "cohort_survival_pct":
        if cohorts is None:
            return None, "no cohorts table"
        c = cohorts[(cohorts["regime"] == regime) & (cohorts["arm"] == arm)]
        c = _at(_at(c, "cohort_day", target["cohort_day"]), "session_day", day)
        return (100.0 * c["survival_fraction"].to_numpy(float), None) if len(c) else (None, "cohort or session not imaged")
    column = {"density_effect_pp": "density_change_pct", "head_width_effect_pp": "head_width_change_pct"}.get(measure, measure)
    if column not in rows.columns:
        return None, f"no column {column}"
    if arm == "drug-vehicle":
        rows = im.drug_minus_vehicle(rows, column)
        if rows.empty:
            return None, "run has no drug and vehicle arms"
    else:
        rows = rows[rows["arm"] == arm]
    if day is None:
        if "interval_days" in target and "interval_days" in rows.columns:
            rows = rows[(rows["interval_days"] - target["interval_days"]).abs() < DAY_EPS]
        values = rows.groupby("replicate")[column].mean().to_numpy(float)
        return (values, None) if len(values) else (None, "no matching interval")
    rows = _at(rows, "session_day", day)
    if rows.empty:
        return None, "session not imaged"
    if "from_day" in target and "prev_session_day" in rows.columns:
        if not (rows["prev_session_day"] - target["from_day"]).abs().lt(DAY_EPS).all():
            prev = rows["prev_session_day"].iloc[0]
            return None, f"simulated interval starts at day {prev:g}, target at day {target['from_day']:g}"
    return rows[column].to_numpy(float), None


def compare(imaging: pd.DataFrame, cohorts: pd.DataFrame | None = None, config: dict | None = None,
            targets: dict | None = None) -> pd.DataFrame:
    """One row per target that applies to a regime of the run: target, tolerance, simulated mean and 95% interval
    over replicates, residual (simulated - target), residual/tolerance and whether |residual| <= tolerance."""
    targets = targets or load_targets()
    per_replicate = im.changes(imaging)
    rows = []
    for regime in sorted(per_replicate["regime"].unique()):
        t_regime = target_regime_for(regime, config, targets)
        if t_regime is None:
            continue
        for t in (e for e in targets["targets"] if e["regime"] == t_regime):
            values, reason = simulated_values(t, per_replicate, cohorts, regime)
            est = mean_ci(values if values is not None else [])
            residual = est["mean"] - t["value"] if values is not None else np.nan
            rows.append({"regime": regime, "target_regime": t_regime, "measure": t["measure"], "arm": t.get("arm"),
                         "day": t.get("day"), "cohort_day": t.get("cohort_day"), "target": t["value"],
                         "tolerance": t["tolerance"], "simulated": est["mean"], "ci_low": est["ci_low"],
                         "ci_high": est["ci_high"], "n": est["n"], "residual": residual,
                         "residual_over_tolerance": residual / t["tolerance"] if t["tolerance"] else np.nan,
                         "within_tolerance": bool(abs(residual) <= t["tolerance"]) if np.isfinite(residual) else None,
                         "source": t.get("source", ""), "note": reason or t.get("note", "")})
    return pd.DataFrame(rows)
