"""Particle exchange in a population run (spine_exposure): profiles by hand and on a real run with a soma-end source."""
import numpy as np
import pandas as pd
import pytest

from agentspines_analysis import exchange as ex
from agentspines_analysis import figures as fg
from agentspines_analysis import load


def test_trapped_profile_by_hand():
    # two steps, one dendrite, one replicate: 3 particles held in [0, 10) each step, 1 in [10, 20) in one step only
    df = pd.DataFrame({
        "regime": "r", "replicate": 0, "arm": "vehicle", "species": "prp", "dendrite_id": 0,
        "time_h": [1.0, 1.0, 2.0, 2.0], "position_um": [2.0, 12.0, 5.0, 8.0], "mean_occupancy": [3.0, 1.0, 2.0, 1.0]})
    p = ex.trapped_profile(df, "prp", 10.0).set_index("bin_start_um")["trapped_per_um"]
    assert p[0.0] == pytest.approx(3.0 / 10.0)
    assert p[10.0] == pytest.approx(1.0 / (2 * 10.0))


def test_steady_level_from_the_config():
    cfg = {"Exchange": {"Species": [{"Name": "prp", "ProductionPerUmPerH": 0.6, "ReactionRatePerMs": 1.0 / 7.2e6}]}}
    assert ex.steady_trapped_per_um(cfg, "prp") == pytest.approx(1.2)
    assert np.isnan(ex.steady_trapped_per_um(cfg, "other"))


def test_real_soma_source_run_gives_a_gradient_and_feeds_stabilisation(exchange_run_dir, tmp_root):
    run = load(exchange_run_dir)
    exposure, events = run["spine_exposure"], run["events"]
    prof = ex.trapped_profile(exposure, "prp", 10.0).sort_values("bin_start_um")
    level = ex.steady_trapped_per_um(run.config, "prp")
    # production = degradation: the dendrite holds P/theta per um on average wherever it is made
    assert prof["trapped_per_um"].mean() == pytest.approx(level, rel=0.15)
    assert prof["trapped_per_um"].iloc[0] > 3 * prof["trapped_per_um"].iloc[-1]
    st = ex.stabilisation_profile(events, 100.0 / 3).sort_values("bin_start_um")
    assert st["per_um"].iloc[0] > 2 * st["per_um"].iloc[-1]
    fg.save_png(fg.exchange_profile(exposure, events, "prp", run.config), tmp_root / "exchange.png")
    assert (tmp_root / "exchange.png").stat().st_size > 10_000
