"""Means with t-based 95% intervals over replicates (replicates are the independent units)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd


def _t_cdf(t: float, df: float) -> float:
    """Student t CDF for t >= 0 by Simpson integration of the density (no scipy needed)."""
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    n = 2000
    h = t / n
    total = 0.0
    for i in range(n + 1):
        x = i * h
        w = 1 if i in (0, n) else (4 if i % 2 else 2)
        total += w * math.exp(log_c - (df + 1) / 2 * math.log1p(x * x / df))
    return 0.5 + total * h / 3


def t_quantile(p: float, df: float, use_scipy: bool = True) -> float:
    """Quantile of Student's t with df degrees of freedom (scipy when present, else closed forms / bisection)."""
    if not 0 < p < 1 or df <= 0:
        raise ValueError(f"t_quantile needs 0 < p < 1 and df > 0 (got p={p}, df={df})")
    if use_scipy:
        try:
            from scipy.stats import t as student_t
            return float(student_t.ppf(p, df))
        except ImportError:
            pass
    if p < 0.5:
        return -t_quantile(1 - p, df, use_scipy=False)
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    lo, hi = 0.0, 1.0
    while _t_cdf(hi, df) < p:
        hi *= 2
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if _t_cdf(mid, df) < p else (lo, mid)
    return 0.5 * (lo + hi)


def mean_ci(values, level: float = 0.95) -> dict:
    """mean, sd, sem, n and the t interval mean +- t_{(1+level)/2, n-1} * sd / sqrt(n) of the finite values."""
    v = np.asarray([x for x in np.asarray(values, dtype=float) if np.isfinite(x)])
    n = len(v)
    if n == 0:
        return {"mean": np.nan, "sd": np.nan, "sem": np.nan, "n": 0, "ci_low": np.nan, "ci_high": np.nan}
    m = float(v.mean())
    if n == 1:
        return {"mean": m, "sd": np.nan, "sem": np.nan, "n": 1, "ci_low": np.nan, "ci_high": np.nan}
    sd = float(v.std(ddof=1))
    sem = sd / math.sqrt(n)
    half = t_quantile(0.5 + level / 2, n - 1) * sem
    return {"mean": m, "sd": sd, "sem": sem, "n": n, "ci_low": m - half, "ci_high": m + half}


def summarize(df: pd.DataFrame, value: str, by: list[str], level: float = 0.95) -> pd.DataFrame:
    """One row per group of `by`: mean, sd, sem, n, ci_low, ci_high of `value` (rows of df = replicates)."""
    rows = []
    if df is None or df.empty:
        return pd.DataFrame(columns=[*by, "mean", "sd", "sem", "n", "ci_low", "ci_high"])
    for key, g in df.groupby(by if len(by) > 1 else by[0], sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(by, key)), **mean_ci(g[value].to_numpy(), level)})
    out = pd.DataFrame(rows)
    out["n"] = out["n"].astype(int)
    return out
