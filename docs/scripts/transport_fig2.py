#!/usr/bin/python3
"""Plot the paper's Fig. 2 (Fedotov & Mendez, PRL 2008) from an AgentSpines transport run.

Usage: /usr/bin/python3 docs/scripts/transport_fig2.py METRICS_CSV OUT_PNG

METRICS_CSV is the `metrics` table of `agentspines run configs/transport/fig2.json` exported with
`agentspines export OUT --csv CSV_DIR` (columns species, t_ms, n_free, n_trapped, ...). The exact curves are
eq. (11) of the paper at q = 0, inverted numerically here (Abate-Whitt Euler algorithm), independently of the
C# code.
"""
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

LAMBDA1, THETA, TAU, MU = 1.0, 0.1, 1.0, 0.1  # /ms, /ms, ms, -  (rho_l = 10 /um times lambda1' = 0.1 um/ms)
KERNELS = {
    "mittag_leffler_mu0.1": ("Mittag-Leffler, $\\mu$ = 0.1", "tab:red", lambda s: 1 / (1 + (TAU * s) ** MU)),
    "gamma": ("gamma (shape 2)", "tab:green", lambda s: (1 / (1 + TAU / 2 * s)) ** 2),
    "exponential": ("exponential ($\\mu$ = 1)", "tab:blue", lambda s: 1 / (1 + TAU * s)),
}


def euler_inversion(transform, t, m=16):
    """Abate & Whitt (2006) Euler algorithm: f(t) from F(s)."""
    xi = np.zeros(2 * m + 1)
    xi[0] = 0.5
    xi[1 : m + 1] = 1.0
    xi[2 * m] = 2.0**-m
    for k in range(1, m):
        xi[2 * m - k] = xi[2 * m - k + 1] + 2.0**-m * math.comb(m, k)
    k = np.arange(2 * m + 1)
    eta = (-1.0) ** k * 10 ** (m / 3) * xi
    beta = m * math.log(10) / 3 + 1j * math.pi * k
    return np.array([np.sum(eta * np.real(transform(beta / ti))) / ti for ti in t])


def exact_counts(psi2, t):
    """Free and trapped fractions for half the particles free, half trapped at t = 0 (eq. 11, q = 0)."""
    def parts(s):
        psi1 = LAMBDA1 / (s + LAMBDA1)
        p2 = psi2(s + THETA)
        phi1 = (1 - psi1) / s
        phi2 = (1 - p2) / (s + THETA)
        d = 1 - p2 * psi1
        return (0.5 * phi1 + 0.5 * p2 * phi1) / d, (0.5 * psi1 * phi2 + 0.5 * phi2) / d
    return euler_inversion(lambda s: parts(s)[0], t), euler_inversion(lambda s: parts(s)[1], t)


def main(csv_path, png_path):
    df = pd.read_csv(csv_path)
    fig, (ax, inset) = plt.subplots(1, 2, figsize=(10, 4.4))
    t_exact = np.linspace(0.25, df.t_ms.max(), 200)
    for species, (label, colour, psi2) in KERNELS.items():
        d = df[df.species == species].sort_values("t_ms")
        if d.empty:
            continue
        n0 = float(d.n_free.iloc[0] + d.n_trapped.iloc[0])
        total = (d.n_free + d.n_trapped) / n0
        trapped = d.n_trapped / n0
        free_x, trapped_x = exact_counts(psi2, t_exact)
        ax.semilogy(d.t_ms, total, "o", ms=3, mfc="none", color=colour, label=f"{label} (simulated)")
        ax.semilogy(t_exact, free_x + trapped_x, "-", lw=1.2, color=colour)
        inset.semilogy(d.t_ms, trapped, "o", ms=3, mfc="none", color=colour)
        inset.semilogy(t_exact, trapped_x, "-", lw=1.2, color=colour)
    ax.set_xlabel("t (ms)")
    ax.set_ylabel("n(t) / n(0)  (free + trapped)")
    ax.set_title("(a) all particles n(t) = n$_1$ + n$_2$", fontsize=10)
    fig.suptitle("Particle loss with reaction in spines (Fedotov & Mendez 2008, Fig. 2)", fontsize=11)
    ax.plot([], [], "k-", lw=1, label="exact, eq. (11)")
    ax.legend(loc="lower left", fontsize=8)
    inset.set_title("(b) trapped in spines n$_2$(t)", fontsize=10)
    inset.set_xlabel("t (ms)")
    inset.set_ylabel("n$_2$(t) / n(0)")
    fig.text(0.01, 0.005, "D = 0.2 um$^2$/ms, <tau_d> = <tau_s> = 1 ms (tau = 1 ms for ML), theta = 0.1 /ms, rho_l = 10 /um; "
             "20000 particles per kernel", fontsize=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(png_path, dpi=130)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
