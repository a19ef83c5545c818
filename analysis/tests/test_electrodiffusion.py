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
