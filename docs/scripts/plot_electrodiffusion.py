#!/usr/bin/python3
"""Plots docs/img/electrodiffusion/fig1*.png (Eberhardt 2024 Fig. 1C-G) from CSV traces written by
`agentspines episode --trace-csv FILE --profile-csv FILE` (reference and fast solver).

Usage: /usr/bin/python3 docs/scripts/plot_electrodiffusion.py REF_HEAD.csv REF_PROFILE.csv FAST_HEAD.csv OUT_DIR
"""
import sys
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

ref_head, ref_prof, fast_head, out = sys.argv[1:5]
rh = pd.read_csv(ref_head)
rp = pd.read_csv(ref_prof).drop_duplicates(subset=["t_ms", "compartment"])
fh = pd.read_csv(fast_head)
rest = rh["v_head_mv"].iloc[0]
input_end = 10.0


def shade_input(ax):
    ax.axvspan(0, input_end, color="tab:red", alpha=0.08, lw=0)


# C: head potential, with the microsecond charging in a second panel
fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.4), gridspec_kw={"width_ratios": [2, 1]})
a1.plot(rh.t_ms, rh.v_head_mv, color="k", lw=1.5, label="reference (explicit, dt 0.5 ns)")
a1.plot(fh.t_ms, fh.v_head_mv, color="tab:orange", ls="--", lw=1.2, label="fast (Rodas3)")
shade_input(a1)
a1.set_xlabel("t (ms)"); a1.set_ylabel("head potential (mV)"); a1.legend(fontsize=8, loc="upper right")
a1.set_title("C  head potential, 25 pA for 10 ms")
z = rh[rh.t_ms <= 0.02]; zf = fh[fh.t_ms <= 0.02]
a2.plot(z.t_ms * 1e3, z.v_head_mv - rest, color="k", lw=1.5)
a2.plot(zf.t_ms * 1e3, zf.v_head_mv - rest, color="tab:orange", ls="--", lw=1.2)
a2.axvline(10, color="grey", lw=0.5, ls=":")
a2.set_xlabel("t (us)"); a2.set_ylabel("depolarisation (mV)"); a2.set_title("capacitor charging")
fig.tight_layout(); fig.savefig(f"{out}/fig1c_head_potential.png", dpi=130); plt.close(fig)


def profile_panel(ax, column, label):
    times = sorted(rp.t_ms.unique())
    cmap = plt.get_cmap("viridis")
    for n, t in enumerate(times):
        p = rp[rp.t_ms == t]
        ax.plot(p.x_nm, p[column], marker="o", ms=3, color=cmap(n / max(1, len(times) - 1)), label=f"{t:g} ms")
    first = rp[rp.t_ms == times[0]]
    neck = first[first.radius_nm < first.radius_nm.max() * 0.5]
    if len(neck):
        ax.axvspan(neck.x_nm.min() - 50, neck.x_nm.max() + 50, color="grey", alpha=0.12, lw=0)
    ax.set_xlabel("x from synaptic end (nm; grey = neck)"); ax.set_ylabel(label); ax.legend(fontsize=7)


# D: potential along the spine
fig, ax = plt.subplots(figsize=(5.5, 3.4))
profile_panel(ax, "v_mv", "potential (mV)")
ax.set_title("D  potential along the spine")
fig.tight_layout(); fig.savefig(f"{out}/fig1d_potential_profile.png", dpi=130); plt.close(fig)

# E-G: concentrations in the head over time and along the spine
for letter, col, name in (("e", "na_mm", "Na+"), ("f", "cl_mm", "Cl-"), ("g", "k_mm", "K+")):
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.4))
    a1.plot(rh.t_ms, rh[col], color="k", lw=1.5, label="reference")
    a1.plot(fh.t_ms, fh[col], color="tab:orange", ls="--", lw=1.2, label="fast")
    shade_input(a1)
    a1.set_xlabel("t (ms)"); a1.set_ylabel(f"head {name} (mM)"); a1.legend(fontsize=8)
    a1.set_title(f"{letter.upper()}  head {name}")
    profile_panel(a2, col, f"{name} (mM)")
    a2.set_title(f"{name} along the spine")
    fig.tight_layout(); fig.savefig(f"{out}/fig1{letter}_{col[:-3]}.png", dpi=130); plt.close(fig)
print("wrote figures to", out)
