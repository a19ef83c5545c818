#!/usr/bin/python3
"""Plots docs/img/drugs/*.png from the CSV written by the plasticity tests.

Usage: AGENTSPINES_PLASTICITY_CSV=/tmp/figcsv dotnet test tests/AgentSpines.Plasticity.Tests -c Release --filter FigureDataTests
       /usr/bin/python3 docs/scripts/plot_drugs.py /tmp/figcsv docs/img/drugs
Each figure: drug minus vehicle density change vs the first session (pp), mean and 95% band over replicates,
published points (refs/drug_targets.md) as black markers; second panel head width (or filopodia).
"""
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

# published drug - vehicle points (pp) from refs/drug_targets.md (drug change minus vehicle change vs day -3 / baseline)
PUBLISHED = {
    "psilocybin": {"density": [(1, 10.4), (3, 13.3), (5, 12.9), (7, 14.0), (34, 17.2)],
                   "width": [(1, 10.6), (3, 7.4), (5, 6.8), (7, 5.1), (34, -0.5)]},
    "5meodmt": {"density": [(1, 12.2), (3, 21.5), (5, 11.8), (7, 20.6), (34, 23.9)], "width": [(1, 0.0)]},
    "ketamine": {"density": [(1, 7), (3, 15), (5, 19), (10, 25), (15, 12)]},
    "cocaine": {"density": [(7, 5)]},
    "diazepam_5mgkg_1wk": {"density": [(7, -13)]},
    "zolpidem": {"density": [(7, 0), (28, 0)]},
    "allopregnanolone": {"density": [(14, 5)]},
}
TITLES = {
    "psilocybin": "Psilocybin 1 mg/kg (Shao 2021)", "5meodmt": "5-MeO-DMT 20 mg/kg (Jefferson 2023)",
    "ketamine": "Ketamine 10 mg/kg (Phoumthipphavong 2016)", "ketamine_anaesthetic": "Ketamine 85 mg/kg + xylazine (Yang 2011)",
    "cocaine": "Cocaine daily x5 (Munoz-Cuevas 2013)", "diazepam_5mgkg_1wk": "Diazepam 5 mg/kg x 1 wk (Shi 2022)",
    "diazepam_1mgkg_1wk": "Diazepam 1 mg/kg x 1 wk (Shi 2022)", "diazepam_5mgkg_4wk": "Diazepam 5 mg/kg x 4 wk (Shi 2022)",
    "zolpidem": "Zolpidem x 1 wk (Shi 2022)", "allopregnanolone": "Allopregnanolone x 2 wk (Shi 2022)",
    "corticosterone_ketamine": "Corticosterone 3 wk, then ketamine 10 mg/kg (Moda-Sava 2019)",
    "chronic_stress": "Chronic stress 3 wk vs control", "baseline": "Baseline (vehicle only)",
}


def band(values):
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    m = v.mean()
    if len(v) < 2:
        return m, m, m
    h = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v))
    return m, m - h, m + h


def effect(df, column, relative=True):
    """Per replicate and arm change vs the first session (%), then drug - vehicle paired by replicate."""
    out = {}
    for (rep, arm), g in df.groupby(["replicate", "arm"]):
        g = g.sort_values("session_day")
        base = g[column].iloc[0]
        out[(rep, arm)] = pd.Series(100 * (g[column].values / base - 1) if relative else g[column].values, index=g["session_day"].values)
    arms = sorted({a for _, a in out})
    days = sorted(df["session_day"].unique())
    reps = sorted({r for r, _ in out})
    rows = []
    for d in days:
        if "drug" in arms and "vehicle" in arms:
            vals = [out[(r, "drug")][d] - out[(r, "vehicle")][d] for r in reps]
        else:
            vals = [out[(r, arms[0])][d] for r in reps]
        rows.append((d, *band(vals)))
    return pd.DataFrame(rows, columns=["day", "mean", "low", "high"])


def plot(stem, csvdir, outdir):
    df = pd.read_csv(os.path.join(csvdir, stem + "_imaging.csv"))
    two_arms = set(df["arm"]) == {"drug", "vehicle"}
    second = "filopodia_visible" if stem == "ketamine_anaesthetic" else "mean_head_width_um"
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ax, col, label, key in [(axes[0], "spines_visible", "density", "density"), (axes[1], second, "head width" if second != "filopodia_visible" else "filopodia", "width")]:
        e = effect(df, col, relative=(col != "filopodia_visible"))
        x = e["day"] * (24 if stem == "ketamine_anaesthetic" else 1)
        ax.fill_between(x, e["low"], e["high"], color="tab:blue", alpha=0.3, label="simulated 95% band")
        ax.plot(x, e["mean"], color="tab:blue", lw=1.5, label="simulated mean")
        pts = PUBLISHED.get(stem, {}).get(key, [])
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "ko", ms=5, label="published")
        ax.axhline(0, color="grey", lw=0.6)
        ax.axvline(0, color="grey", lw=0.6, ls=":")
        unit = "h" if stem == "ketamine_anaesthetic" else "day"
        ax.set_xlabel(f"{unit} after first dose")
        if col == "filopodia_visible":
            ax.set_ylabel("filopodia per field, drug - vehicle" if two_arms else "filopodia per field")
        else:
            ax.set_ylabel((f"{label} change, drug - vehicle (pp)") if two_arms else f"{label} change vs first session (%)")
        ax.legend(fontsize=7, loc="best")
    fig.suptitle(TITLES.get(stem, stem), fontsize=11)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, stem + ".png"), dpi=110)
    plt.close(fig)


def main():
    csvdir, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for f in sorted(os.listdir(csvdir)):
        if f.endswith("_imaging.csv"):
            plot(f[: -len("_imaging.csv")], csvdir, outdir)
            print("wrote", f[: -len("_imaging.csv")] + ".png")


if __name__ == "__main__":
    main()
