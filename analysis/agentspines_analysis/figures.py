"""Figures (matplotlib, Agg backend, PNG). Each function draws on a new Figure and returns it; save_png writes it."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

if not os.environ.get("MPLBACKEND") and "matplotlib.pyplot" not in sys.modules:
    matplotlib.use("Agg")  # files only; a notebook keeps its inline backend
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import cohorts as co  # noqa: E402
from . import electrodiffusion as ed  # noqa: E402
from . import exchange as ex  # noqa: E402
from . import imaging as im  # noqa: E402
from . import sizes as sz  # noqa: E402
from . import transport as tr  # noqa: E402

ARM_COLORS = {"drug": "tab:red", "vehicle": "tab:gray", "drug-vehicle": "tab:purple", "baseline": "tab:blue"}


def save_png(fig, path: str | Path, dpi: int = 110) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return path


def _band(ax, x, s: pd.DataFrame, color, label):
    ax.plot(x, s["mean"], "o-", color=color, label=label, ms=4)
    if s["ci_low"].notna().any():
        ax.fill_between(x, s["ci_low"], s["ci_high"], color=color, alpha=0.2, lw=0)


def _published(ax, comparison: pd.DataFrame | None, regime: str, measure: str, arm: str, color):
    if comparison is None or comparison.empty:
        return
    p = comparison[(comparison["regime"] == regime) & (comparison["measure"] == measure) & (comparison["arm"] == arm)
                   & comparison["day"].notna()]
    if len(p):
        ax.errorbar(p["day"].astype(float), p["target"], yerr=p["tolerance"], fmt="s", mfc="white", color=color,
                    capsize=3, label=f"published ({arm})")


def density_time_course(imaging: pd.DataFrame, regime: str, comparison: pd.DataFrame | None = None):
    """Left: density change vs first session per arm; right: drug minus vehicle; published points as squares."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    tc = im.time_course(imaging[imaging["regime"] == regime], "density_change_pct")
    for arm, s in tc.groupby("arm"):
        _band(axes[0], s["session_day"], s, ARM_COLORS.get(arm, "k"), f"simulated {arm}")
        _published(axes[0], comparison, regime, "density_change_pct", arm, ARM_COLORS.get(arm, "k"))
    axes[0].set(xlabel="day after dose", ylabel="density change vs first session (%)", title=f"{regime}: density")
    eff = im.effect_time_course(imaging[imaging["regime"] == regime], "density_change_pct")
    if len(eff):
        _band(axes[1], eff["session_day"], eff, ARM_COLORS["drug-vehicle"], "simulated drug - vehicle")
        _published(axes[1], comparison, regime, "density_effect_pp", "drug-vehicle", "k")
    else:
        axes[1].text(0.5, 0.5, "no drug/vehicle pair", ha="center", transform=axes[1].transAxes)
    axes[1].axhline(0, color="k", lw=0.5)
    axes[1].set(xlabel="day after dose", ylabel="drug - vehicle (pp)", title=f"{regime}: density effect")
    for ax in axes:
        ax.axvline(0, color="k", ls=":", lw=0.8)
        ax.legend(fontsize=8)
    return fig


def turnover_time_course(imaging: pd.DataFrame, regime: str, comparison: pd.DataFrame | None = None):
    """Formation and elimination (% of the previous session's spines) per interval, plotted at the interval's end."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained", sharey=True)
    sub = imaging[imaging["regime"] == regime]
    for ax, measure in zip(axes, ("formation_pct", "elimination_pct")):
        tc = im.time_course(sub, measure).dropna(subset=["mean"])
        for arm, s in tc.groupby("arm"):
            _band(ax, s["session_day"], s, ARM_COLORS.get(arm, "k"), f"simulated {arm}")
            _published(ax, comparison, regime, measure, arm, ARM_COLORS.get(arm, "k"))
        ax.axvline(0, color="k", ls=":", lw=0.8)
        ax.set(xlabel="session day (end of interval)", ylabel=f"{measure.split('_')[0]} (% per interval)",
               title=f"{regime}: {measure.split('_')[0]}")
        ax.legend(fontsize=8)
    return fig


def cohort_survival(cohorts: pd.DataFrame, regime: str, comparison: pd.DataFrame | None = None):
    """Survival of each new-spine cohort (mean and 95% band over replicates), one panel per arm."""
    sub = cohorts[cohorts["regime"] == regime]
    arms = sorted(sub["arm"].unique())
    fig, axes = plt.subplots(1, max(1, len(arms)), figsize=(5.5 * max(1, len(arms)), 4), layout="constrained", squeeze=False, sharey=True)
    cs = co.cohort_survival(sub)
    cmap = plt.get_cmap("viridis")
    for ax, arm in zip(axes[0], arms):
        days = sorted(cs.loc[cs["arm"] == arm, "cohort_day"].unique())
        for i, day in enumerate(days):
            s = cs[(cs["arm"] == arm) & (cs["cohort_day"] == day)]
            x = np.concatenate([[day], s["session_day"].to_numpy()])
            y = np.concatenate([[100.0], s["mean"].to_numpy()])
            color = cmap(i / max(1, len(days) - 1))
            ax.plot(x, y, "o-", color=color, ms=3, label=f"new at day {day:g}")
            ax.fill_between(s["session_day"], s["ci_low"], s["ci_high"], color=color, alpha=0.15, lw=0)
        if comparison is not None and not comparison.empty:
            p = comparison[(comparison["regime"] == regime) & (comparison["measure"] == "cohort_survival_pct")
                           & (comparison["arm"] == arm)]
            if len(p):
                ax.errorbar(p["day"].astype(float), p["target"], yerr=p["tolerance"], fmt="s", mfc="white", color="k",
                            capsize=3, label="published")
        ax.set(xlabel="session day", ylabel="cohort still present (%)", title=f"{regime} {arm}: cohort survival",
               ylim=(0, 105))
        ax.legend(fontsize=7)
    return fig


def size_distribution(snapshots: pd.DataFrame, regime: str, column: str = "head_volume_um3"):
    """Histogram of ln(size) at the last census per arm with the fitted log-normal (a Gaussian in ln x)."""
    c = sz.census(snapshots[snapshots["regime"] == regime])
    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    for arm, g in c.groupby("arm"):
        x = g[column].to_numpy(float)
        x = x[np.isfinite(x) & (x > 0)]
        if len(x) < 2:
            continue
        fit = sz.lognormal_fit(x)
        logs = np.log(x)
        color = ARM_COLORS.get(arm, "k")
        ax.hist(logs, bins=40, density=True, alpha=0.35, color=color, label=f"{arm} (n={len(x)})")
        grid = np.linspace(logs.min(), logs.max(), 200)
        ax.plot(grid, np.exp(-(grid - fit["mu"]) ** 2 / (2 * fit["sigma"] ** 2)) / (fit["sigma"] * np.sqrt(2 * np.pi)),
                color=color, label=f"log-normal mu={fit['mu']:.2f} sigma={fit['sigma']:.2f}")
    t = c["time_h"].max() if len(c) else float("nan")
    ax.set(xlabel=f"ln {column}", ylabel="density", title=f"{regime}: {column} at t = {t:g} h")
    ax.legend(fontsize=8)
    return fig


def true_density(metrics: pd.DataFrame, regime: str, reference_day: float = 0.0):
    """Density of all simulated spines (no detection threshold) over time, per arm; day 0 = the first dose
    (simulation day `reference_day`, the config's Regime.ReferenceDay)."""
    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    tc = im.true_density_time_course(metrics[metrics["regime"] == regime])
    for arm, s in tc.groupby("arm"):
        day = s["time_h"] / 24.0 - reference_day
        ax.plot(day, s["mean"], color=ARM_COLORS.get(arm, "k"), label=arm)
        if s["ci_low"].notna().any():
            ax.fill_between(day, s["ci_low"], s["ci_high"], color=ARM_COLORS.get(arm, "k"), alpha=0.2, lw=0)
    ax.axvline(0, color="k", ls=":", lw=0.8)
    ax.set(xlabel="day after dose", ylabel="spines per um (all)", title=f"{regime}: density of all spines")
    ax.legend(fontsize=8)
    return fig


def transport_msd(metrics: pd.DataFrame, config: dict | None = None):
    """MSD against time (log-log) per species, with the Markovian prediction 2 D_eff t where it applies."""
    s = tr.series(metrics)
    fig, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    for (regime, species), g in s.groupby(["regime", "species"]):
        g = g[(g["t_ms"] > 0) & (g["msd_um2"] > 0)]
        line, = ax.loglog(g["t_ms"], g["msd_um2"], "o", ms=3, label=f"{species}")
        theory = tr.species_theory(config or {}, species)
        if "D_eff_um2_per_ms" in theory and theory.get("theta_per_ms", 0) == 0:
            ax.loglog(g["t_ms"], 2 * theory["D_eff_um2_per_ms"] * g["t_ms"], "-", color=line.get_color(), lw=1,
                      label=f"2 D_eff t ({species})")
    ax.set(xlabel="t (ms)", ylabel="MSD (um^2)", title="transport: mean squared displacement")
    ax.legend(fontsize=7)
    return fig


def transport_decay(metrics: pd.DataFrame, config: dict | None = None):
    """Surviving fraction of particles and the trapped fraction against time, with the theoretical slow decay."""
    s = tr.series(metrics)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    for (regime, species), g in s.groupby(["regime", "species"]):
        line, = axes[0].semilogy(g["t_ms"], g["surviving_fraction"], "o", ms=3, label=species)
        theory = tr.species_theory(config or {}, species)
        rate = theory.get("slow_decay_rate_per_ms", 0.0)
        if rate and rate > 0:
            fit = tr.decay_rate(g["t_ms"], g["n_total"], t_min_ms=float(g["t_ms"].max()) / 2)
            axes[0].semilogy(g["t_ms"], g["surviving_fraction"].iloc[-1] * np.exp(-rate * (g["t_ms"] - g["t_ms"].iloc[-1])),
                             "-", color=line.get_color(), lw=1, label=f"theory slope {rate:.3f}/ms (fit {fit:.3f})")
        axes[1].plot(g["t_ms"], g["trapped_fraction"], "-", color=line.get_color(), label=species)
        if "equilibrium_trapped_fraction" in theory:
            axes[1].axhline(theory["equilibrium_trapped_fraction"], color=line.get_color(), ls=":", lw=1)
    positive = s.loc[s["t_ms"] > 0, "t_ms"]
    if len(positive) and positive.max() / positive.min() > 100:  # log-sampled runs: log time axis
        for ax in axes:
            ax.set_xscale("log")
    axes[0].set(xlabel="t (ms)", ylabel="particles remaining (fraction)", title="transport: decay")
    axes[1].set(xlabel="t (ms)", ylabel="trapped fraction", title="transport: capture in spines", ylim=(0, 1))
    for ax in axes:
        ax.legend(fontsize=7)
    return fig


def exchange_profile(spine_exposure: pd.DataFrame, events: pd.DataFrame | None, species: str, config: dict | None = None,
                     bin_um: float = 10.0):
    """Left: trapped particles of a species per um along the dendrite (steady level P/theta dotted). Right: where
    spines were stabilised (per um over the run)."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    prof = ex.trapped_profile(spine_exposure, species, bin_um)
    for (regime, arm), g in prof.groupby(["regime", "arm"]):
        axes[0].plot(g["bin_centre_um"], g["trapped_per_um"], "o-", ms=4, color=ARM_COLORS.get(arm, "k"), label=f"{regime} {arm}")
    level = ex.steady_trapped_per_um(config or {}, species)
    if np.isfinite(level):
        axes[0].axhline(level, color="k", ls=":", lw=1, label="P/theta (dendrite mean)")
    axes[0].set(xlabel="position along the dendrite (um)", ylabel=f"trapped {species} per um", title=f"exchange: where {species} is held")
    axes[0].legend(fontsize=7)
    if events is not None and len(events):
        st = ex.stabilisation_profile(events, bin_um)
        for (regime, arm), g in st.groupby(["regime", "arm"]):
            axes[1].bar(g["bin_centre_um"], g["per_um"], width=bin_um * 0.8, color=ARM_COLORS.get(arm, "k"), alpha=0.7, label=f"{regime} {arm}")
        axes[1].legend(fontsize=7)
    axes[1].set(xlabel="position along the dendrite (um)", ylabel="stabilisations per um (whole run)", title="transient -> persistent")
    return fig


def electrodiffusion_traces(episodes: pd.DataFrame, max_panels: int = 6):
    """Mean of each episode quantity over time (or per regime/arm when the table has no time column)."""
    tr_df = ed.traces(episodes)
    cols = ed.plot_columns(episodes)[:max_panels]
    t = ed.time_column(episodes)
    n = max(1, len(cols))
    ncols = min(3, n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 3.2 * nrows), layout="constrained", squeeze=False)
    for ax, c in zip(axes.ravel(), cols):
        groups = tr_df.groupby([k for k in ("regime", "arm") if k in tr_df.columns]) if {"regime", "arm"} & set(tr_df.columns) else [("all", tr_df)]
        for key, g in groups:
            label = " ".join(map(str, key)) if isinstance(key, tuple) else str(key)
            if t:
                ax.plot(g[t], g[c], "-", lw=1, label=label)
            else:
                ax.bar(label, g[c].mean())
        ax.set(title=c, xlabel=t or "")
        ax.legend(fontsize=6)
    for ax in axes.ravel()[len(cols):]:
        ax.axis("off")
    fig.suptitle("electrodiffusion episodes")
    return fig


def episode_traces(traces: dict, columns=("v_head_mv", "na_mm", "i_neck_pa")):
    """Head traces of single episodes (label -> frame from electrodiffusion.read_trace), one panel per quantity."""
    cols = [c for c in columns if any(c in t.columns for t in traces.values())]
    fig, axes = plt.subplots(1, max(1, len(cols)), figsize=(4.6 * max(1, len(cols)), 3.6), layout="constrained", squeeze=False)
    for ax, c in zip(axes[0], cols):
        for label, t in traces.items():
            if c in t.columns:
                ax.plot(t["t_ms"], t[c], lw=1.2, label=str(label))
        unit = next((t.attrs.get("units", {}).get(c) for t in traces.values() if c in t.columns), None)
        ax.set(xlabel="t (ms)", ylabel=f"{c} ({unit})" if unit else c, title=c)
        ax.legend(fontsize=7)
    return fig
