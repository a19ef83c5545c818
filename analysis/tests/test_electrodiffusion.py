"""Electrodiffusion: real single-episode traces (agentspines episode --trace-csv) read and checked against
circuit theory; the episodes-table helpers on a small frame."""
import json

import numpy as np
import pandas as pd
import pytest

from agentspines_analysis import electrodiffusion as ed
from agentspines_analysis import figures as fg
from real_run import EPISODE_NECK_LENGTHS_NM


def _load(episode_dir):
    out = {}
    for n in EPISODE_NECK_LENGTHS_NM:
        out[n] = (json.loads((episode_dir / f"neck-{n}nm.json").read_text()), ed.read_trace(episode_dir / f"neck-{n}nm.csv"))
    return out


def test_trace_columns_and_units(episode_dir):
    _, t = _load(episode_dir)[500]
    assert {"t_ms", "v_head_mv", "na_mm", "i_neck_pa"} <= set(t.columns)
    assert t.attrs["units"]["t_ms"] == "ms" and t.attrs["units"]["v_head_mv"] == "mV" and t.attrs["units"]["na_mm"] == "mM"
    assert t["t_ms"].is_monotonic_increasing and len(t) > 50


def test_neck_resistance_is_proportional_to_neck_length(episode_dir):
    """R_neck = rho L / (pi r^2): doubling the neck length doubles the resting neck resistance."""
    d = _load(episode_dir)
    r = {n: d[n][0]["r_neck_rest_mohm"] for n in d}
    assert r[500] / r[250] == pytest.approx(2.0, rel=1e-3) and r[1000] / r[500] == pytest.approx(2.0, rel=1e-3)


def test_head_charges_to_current_times_neck_resistance(episode_dir):
    """10 us after onset the head is charged ohmically: depolarisation ~ I R_neck (within 10%), and the trace
    read from CSV shows the same depolarisation as the summary."""
    for n, (s, t) in _load(episode_dir).items():
        current_pa = t.loc[t["t_ms"].between(1.0, 9.0), "i_neck_pa"].median()
        assert s["v_head_10us_mv"] == pytest.approx(current_pa * 1e-12 * s["r_neck_rest_mohm"] * 1e6 * 1e3, rel=0.10)
        rest = t["v_head_mv"].iloc[0]
        at10us = np.interp(0.010, t["t_ms"], t["v_head_mv"]) - rest
        assert at10us == pytest.approx(s["v_head_10us_mv"], abs=0.3)


def test_trace_figure(episode_dir, tmp_path):
    d = _load(episode_dir)
    path = fg.save_png(fg.episode_traces({f"{n} nm": t for n, (_, t) in d.items()}), tmp_path / "t.png")
    assert path.stat().st_size > 10_000


def test_episode_table_helpers():
    df = pd.DataFrame({"regime": "r", "replicate": 0, "arm": ["drug", "drug", "vehicle"], "spine_id": [1, 2, 3],
                       "time_h": [0.0, 0.0, 0.0], "nmda_charge_fc": [10.0, 20.0, 5.0]})
    assert ed.time_column(df) == "time_h" and ed.quantity_columns(df) == ["nmda_charge_fc"]
    s = ed.summary(df).set_index("arm")
    assert s.loc["drug", "mean"] == 15 and s.loc["vehicle", "n"] == 1
    assert ed.traces(df).set_index("arm").loc["drug", "nmda_charge_fc"] == 15


def test_population_rows_combine_like_one_row():
    """Per-spine rows of two dendrites and one time merged: sums add, means are weighted by episodes (depolarisation)
    or spines (calcium), maxima are the max; a replicate's totals are averaged with the other replicate's."""
    rows = pd.DataFrame({
        "regime": "r", "replicate": [0, 0, 0, 1], "arm": "vehicle", "time_h": 1.0,
        "dendrite_id": [0, 0, 1, 0], "segment_id": [1, 1, 2, 1], "spine_id": [10, 11, 20, 10],
        "spines": [1, 1, 0, 1], "episodes": [1, 3, 0, 2],
        "mean_peak_depolarization_mv": [4.0, 8.0, None, 6.0], "max_peak_depolarization_mv": [4.0, 8.0, None, 6.0],
        "mean_calcium_um_s": [1.0, 2.0, None, 4.0], "max_calcium_um_s": [1.0, 2.0, None, 4.0],
        "nmda_charge_fc": [10.0, 30.0, 0.0, 20.0], "ltd_inductions": [1, 0, 1, 1], "activity_volume_change_um3": [-0.01, 0.0, 0.02, -0.02]})
    assert ed.is_aggregate(rows) and ed.plot_columns(rows)[0] == "mean_peak_depolarization_mv"
    one = ed.combine(rows[rows.replicate == 0], ["regime", "arm", "time_h"]).iloc[0]
    assert one["spines"] == 2 and one["episodes"] == 4 and one["nmda_charge_fc"] == 40
    assert one["mean_peak_depolarization_mv"] == pytest.approx((4 + 3 * 8) / 4)  # by episodes, not (4 + 8) / 2
    assert one["mean_calcium_um_s"] == pytest.approx(1.5) and one["max_peak_depolarization_mv"] == 8
    assert one["ltd_inductions"] == 2 and one["activity_volume_change_um3"] == pytest.approx(0.01)
    both = ed.traces(rows).iloc[0]  # replicate 1: 1 spine, 2 episodes; the mean of the two replicates' totals
    assert both["episodes"] == pytest.approx((4 + 2) / 2) and both["mean_peak_depolarization_mv"] == pytest.approx((7 + 6) / 2)
