"""Transport runs (metrics with t_ms, msd_um2, n_free, n_trapped, species): MSD and particle-decay curves, their
fits, and the theory of the model (Fedotov & Mendez 2008) for the Markovian cases."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .config import as_float, cfg_get

TRANSPORT_COLUMNS = {"t_ms", "msd_um2", "n_free", "n_trapped", "species"}


def is_transport(metrics: pd.DataFrame | None) -> bool:
    return metrics is not None and TRANSPORT_COLUMNS <= set(metrics.columns)


def series(metrics: pd.DataFrame) -> pd.DataFrame:
    """Per regime, species and time: MSD and counts averaged over replicates, n_total and the surviving fraction."""
    keys = [k for k in ("regime", "species", "t_ms") if k in metrics.columns]
    df = metrics.groupby(keys, sort=True)[["msd_um2", "n_free", "n_trapped"]].mean().reset_index()
    df["n_total"] = df["n_free"] + df["n_trapped"]
    first = df.groupby([k for k in keys if k != "t_ms"])["n_total"].transform("first")
    df["surviving_fraction"] = df["n_total"] / first
    df["trapped_fraction"] = np.where(df["n_total"] > 0, df["n_trapped"] / df["n_total"], np.nan)
    return df


def msd_power_law(t_ms, msd_um2, t_min_ms: float | None = None) -> dict:
    """Least-squares line through (ln t, ln MSD) for t >= t_min: MSD ~ K t^alpha (alpha 1 = normal diffusion)."""
    t = np.asarray(t_ms, float)
    m = np.asarray(msd_um2, float)
    ok = (t > 0) & (m > 0) & np.isfinite(m)
    if t_min_ms is not None:
        ok &= t >= t_min_ms
    if ok.sum() < 2:
        return {"alpha": np.nan, "k_um2_per_ms_alpha": np.nan, "points": int(ok.sum())}
    slope, intercept = np.polyfit(np.log(t[ok]), np.log(m[ok]), 1)
    return {"alpha": float(slope), "k_um2_per_ms_alpha": float(math.exp(intercept)), "points": int(ok.sum())}


def diffusion_coefficient(t_ms, msd_um2, t_min_ms: float = 0.0) -> float:
    """D from MSD = 2 D t (one dimension along the dendrite): least squares through the origin for t >= t_min."""
    t = np.asarray(t_ms, float)
    m = np.asarray(msd_um2, float)
    ok = (t >= t_min_ms) & np.isfinite(m) & (t > 0)
    return float(np.sum(t[ok] * m[ok]) / (2.0 * np.sum(t[ok] ** 2))) if ok.any() else np.nan


def decay_rate(t_ms, n_total, t_min_ms: float = 0.0) -> float:
    """Rate (1/ms) of the exponential tail of n_total: minus the slope of ln n against t for t >= t_min."""
    t = np.asarray(t_ms, float)
    n = np.asarray(n_total, float)
    ok = (t >= t_min_ms) & (n > 0)
    if ok.sum() < 2:
        return np.nan
    return float(-np.polyfit(t[ok], np.log(n[ok]), 1)[0])


def species_theory(config: dict, species: str) -> dict:
    """Rates of a species from the run config: capture lambda1 = capture rate x spine density (1/ms),
    release lambda2 = 1/dwell tau (exponential dwell), reaction theta (1/ms, while trapped), and the Markovian
    predictions D_eff = D lambda2/(lambda1 + lambda2) and the slow decay rate of the particle number."""
    transport = cfg_get(config, "Transport", default={}) or {}
    spec = next((s for s in cfg_get(transport, "Species", default=[]) or [] if str(cfg_get(s, "Name")) == species), None)
    if spec is None:
        return {}
    d = as_float(cfg_get(spec, "DiffusionUm2PerMs"))
    lam1 = as_float(cfg_get(spec, "Capture", "RateUmPerMs")) * as_float(cfg_get(transport, "Dendrite", "SpineDensityPerUm"))
    dwell_kernel = str(cfg_get(spec, "Dwell", "Kernel", default=""))
    tau = as_float(cfg_get(spec, "Dwell", "TauMs"))
    theta = as_float(cfg_get(spec, "ReactionRatePerMs"), 0.0)
    out = {"species": species, "D_um2_per_ms": d, "lambda1_per_ms": lam1, "dwell_kernel": dwell_kernel,
           "theta_per_ms": theta, "mu": as_float(cfg_get(spec, "Dwell", "Mu"))}
    if dwell_kernel.lower() == "exponential" and tau > 0:
        lam2 = 1.0 / tau
        out["lambda2_per_ms"] = lam2
        out["D_eff_um2_per_ms"] = d * lam2 / (lam1 + lam2)
        b = lam1 + lam2 + theta
        out["slow_decay_rate_per_ms"] = (b - math.sqrt(b * b - 4 * lam1 * theta)) / 2.0
        out["equilibrium_trapped_fraction"] = lam1 / (lam1 + lam2)
    return out
