"""Spine size distributions from the snapshots table and their log-normal fit (Loewenstein 2011)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd


def census(snapshots: pd.DataFrame, time_h: float | None = None) -> pd.DataFrame:
    """Spines alive at one census time per regime/replicate/arm: the given time (nearest census) or the last one."""
    rows = []
    for _, g in snapshots.groupby(["regime", "replicate", "arm"], sort=True):
        times = np.sort(g["time_h"].unique())
        t = times[-1] if time_h is None else times[np.argmin(np.abs(times - time_h))]
        rows.append(g[g["time_h"] == t])
    return pd.concat(rows, ignore_index=True) if rows else snapshots.iloc[0:0]


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.vectorize(math.erf)(z / math.sqrt(2.0)))


def lognormal_fit(values) -> dict:
    """Maximum-likelihood log-normal fit: mu = mean(ln x), sigma = sd(ln x) (ddof 0); plus the fitted median exp(mu),
    mean exp(mu + sigma^2/2), skewness of ln x (0 for a log-normal) and the Kolmogorov-Smirnov distance D between
    the empirical CDF and the fit (p-value from scipy when installed; it is optimistic: parameters are fitted)."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x) & (x > 0)]
    n = len(x)
    if n < 2:
        return {"n": n, "mu": np.nan, "sigma": np.nan, "median": np.nan, "mean": np.nan, "log_skewness": np.nan,
                "ks_d": np.nan, "ks_p": np.nan}
    logs = np.log(x)
    mu = float(logs.mean())
    sigma = float(logs.std(ddof=0))
    skew = float(np.mean(((logs - mu) / sigma) ** 3)) if sigma > 0 else np.nan
    z = np.sort((logs - mu) / sigma) if sigma > 0 else np.zeros(n)
    cdf = _normal_cdf(z)
    i = np.arange(1, n + 1)
    ks_d = float(max(np.max(i / n - cdf), np.max(cdf - (i - 1) / n)))
    try:
        from scipy.stats import kstwo
        ks_p = float(kstwo.sf(ks_d, n))
    except ImportError:
        ks_p = np.nan
    return {"n": n, "mu": mu, "sigma": sigma, "median": math.exp(mu), "mean": math.exp(mu + sigma ** 2 / 2),
            "log_skewness": skew, "ks_d": ks_d, "ks_p": ks_p}


def lognormal_pdf(x, mu: float, sigma: float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, np.exp(-(np.log(x) - mu) ** 2 / (2 * sigma ** 2)) / (x * sigma * math.sqrt(2 * math.pi)), 0.0)


def size_fits(snapshots: pd.DataFrame, column: str = "head_volume_um3", time_h: float | None = None) -> pd.DataFrame:
    """Log-normal fit of `column` per regime and arm at one census (replicates pooled)."""
    c = census(snapshots, time_h)
    rows = []
    for (regime, arm), g in c.groupby(["regime", "arm"], sort=True):
        rows.append({"regime": regime, "arm": arm, "column": column, "time_h": float(g["time_h"].max()),
                     **lognormal_fit(g[column])})
    return pd.DataFrame(rows)
