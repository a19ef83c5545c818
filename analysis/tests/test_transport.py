"""Transport curves: fits recover known laws; theory numbers by hand; the real transport run against theory."""
import math

import numpy as np
import pytest

from agentspines_analysis import load
from agentspines_analysis import transport as tr


def test_fits_recover_known_laws():
    t = np.logspace(-1, 3, 40)
    assert tr.msd_power_law(t, 3.0 * t ** 0.5)["alpha"] == pytest.approx(0.5)
    assert tr.msd_power_law(t, 3.0 * t ** 0.5)["k_um2_per_ms_alpha"] == pytest.approx(3.0)
    assert tr.diffusion_coefficient(t, 2 * 0.07 * t) == pytest.approx(0.07)
    assert tr.decay_rate(t, 1000 * np.exp(-0.2 * t)) == pytest.approx(0.2)


def test_species_theory_by_hand():
    cfg = {"Transport": {"Dendrite": {"SpineDensityPerUm": 10}, "Species": [
        {"Name": "reaction", "DiffusionUm2PerMs": 0.2, "ReactionRatePerMs": 0.5, "Capture": {"RateUmPerMs": 0.1},
         "Dwell": {"Kernel": "Exponential", "TauMs": 1.0}}]}}
    th = tr.species_theory(cfg, "reaction")
    assert th["lambda1_per_ms"] == pytest.approx(1.0) and th["lambda2_per_ms"] == 1.0
    assert th["D_eff_um2_per_ms"] == pytest.approx(0.1)
    b = 2.5
    assert th["slow_decay_rate_per_ms"] == pytest.approx((b - math.sqrt(b * b - 4 * 0.5)) / 2)


def test_real_markovian_run_matches_theory(transport_run_dir):
    run = load(transport_run_dir)
    m = run.metrics
    assert tr.is_transport(m)
    s = tr.series(m)
    for species, g in s.groupby("species"):
        th = tr.species_theory(run.config, species)
        assert th, f"species {species} found in the run config"
        late = g[g["t_ms"] >= g["t_ms"].max() / 2]
        # equilibrium start: the trapped fraction stays at lambda1/(lambda1+lambda2) and MSD = 2 D_eff t
        assert late["trapped_fraction"].mean() == pytest.approx(th["equilibrium_trapped_fraction"], abs=0.01)
        assert tr.diffusion_coefficient(g["t_ms"], g["msd_um2"], g["t_ms"].max() / 2) == pytest.approx(th["D_eff_um2_per_ms"], rel=0.03)


def test_real_anomalous_run_is_subdiffusive_with_exponent_mu(anomalous_run_dir):
    """Mittag-Leffler dwell times with exponent mu: MSD ~ t^mu once t >> the dwell scale (Fedotov & Mendez 2008)."""
    run = load(anomalous_run_dir)
    s = tr.series(run.metrics)
    for species, g in s.groupby("species"):
        th = tr.species_theory(run.config, species)
        assert th["dwell_kernel"].lower() == "mittagleffler"
        fit = tr.msd_power_law(g["t_ms"], g["msd_um2"], t_min_ms=100.0)
        assert fit["points"] >= 10
        assert fit["alpha"] == pytest.approx(th["mu"], abs=0.05)
