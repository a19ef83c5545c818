"""Figures of the drug pharmacology: effect against dose (agentspines dose-response) and each drug's time course
beside the published points (agentspines drug-figures). Inputs are the CSVs those commands write."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def dose_response(csv: str | Path, png: str | Path) -> Path:
    d = pd.read_csv(csv)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for day, g in d.groupby("day"):
        g = g.sort_values("dose_mg_per_kg")
        ax.errorbar(g["dose_mg_per_kg"], g["density_effect_pp"],
                    yerr=[g["density_effect_pp"] - g["density_effect_low95"], g["density_effect_high95"] - g["density_effect_pp"]],
                    marker="o", capsize=3, label=f"day {day:g}")
    # a zero dose (the vehicle-equivalent point) has no place on a log axis: symlog keeps it, linear below the lowest dose
    positive = d.loc[d["dose_mg_per_kg"] > 0, "dose_mg_per_kg"]
    if (d["dose_mg_per_kg"] <= 0).any():
        ax.set_xscale("symlog", linthresh=float(positive.min()) if len(positive) else 1.0)
    else:
        ax.set_xscale("log")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("dose (mg/kg)")
    ax.set_ylabel("density, drug - vehicle (pp)")
    ax.legend(frameon=False)
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    plt.close(fig)
    return Path(png)


def drug_figures(folder: str | Path, published_csv: str | Path) -> list[Path]:
    folder = Path(folder)
    pub = pd.read_csv(published_csv, comment="#")
    out = []
    for f in sorted(folder.glob("timecourse_*.csv")):
        name = f.stem[len("timecourse_"):]
        d = pd.read_csv(f)
        p = pub[pub["config"] == name + ".json"]
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.4))
        a1.fill_between(d["day"], d["drug_density_change_pct"] - d["drug_sem"], d["drug_density_change_pct"] + d["drug_sem"], alpha=0.25, color="C3")
        a1.plot(d["day"], d["drug_density_change_pct"], color="C3", label="drug (sim)")
        a1.fill_between(d["day"], d["vehicle_density_change_pct"] - d["vehicle_sem"], d["vehicle_density_change_pct"] + d["vehicle_sem"], alpha=0.25, color="C0")
        a1.plot(d["day"], d["vehicle_density_change_pct"], color="C0", label="vehicle (sim)")
        for arm, color in (("drug", "C3"), ("vehicle", "C0")):
            q = p[(p["metric"] == "density_change_pct") & (p["arm"] == arm)]
            if len(q):
                a1.errorbar(q["day"], q["value"], yerr=q["sem"].fillna(0), fmt="s", color=color, mfc="white", capsize=3, label=f"{arm} (published)")
        a1.set_xlabel("day")
        a1.set_ylabel("density change vs first session (%)")
        a1.legend(frameon=False, fontsize=7)
        a2.fill_between(d["day"], d["density_effect_pp"] - d["effect_sem"], d["density_effect_pp"] + d["effect_sem"], alpha=0.25, color="k")
        a2.plot(d["day"], d["density_effect_pp"], color="k", label="drug - vehicle (sim)")
        q = p[p["metric"] == "density_effect_pp"]
        if len(q):
            a2.errorbar(q["day"], q["value"], yerr=q["sem"].fillna(0), fmt="s", color="k", mfc="white", capsize=3, label="published")
        a2.axhline(0, color="grey", lw=0.5)
        a2.set_xlabel("day")
        a2.set_ylabel("drug - vehicle (pp)")
        a2.legend(frameon=False, fontsize=7)
        fig.suptitle(name)
        fig.tight_layout()
        png = folder / f"{name}.png"
        fig.savefig(png, dpi=110)
        plt.close(fig)
        out.append(png)
    return out
