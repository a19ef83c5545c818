"""Lifetimes from formed/eliminated events: real events checked by hand, Kaplan-Meier on a tiny known frame."""
import numpy as np
import pandas as pd
import pytest

from agentspines_analysis.lifetimes import kaplan_meier, lifetime_summary, spine_lifetimes


def test_lifetime_of_real_spines_by_hand(run):
    ev = run.events
    life = spine_lifetimes(ev)
    done = life[life["observed"]]
    assert len(done) > 0, "the small run eliminates some spines it formed"
    for _, s in done.head(5).iterrows():
        mine = ev[(ev["regime"] == s["regime"]) & (ev["replicate"] == s["replicate"]) & (ev["arm"] == s["arm"])
                  & (ev["dendrite_id"] == s["dendrite_id"]) & (ev["spine_id"] == s["spine_id"])]
        born = mine.loc[mine["event_type"] == "formed", "time_h"].min()
        died = mine.loc[mine["event_type"] == "eliminated", "time_h"].max()
        assert s["lifetime_h"] == pytest.approx(died - born) and died >= born


def test_spines_of_the_last_census_are_censored(run):
    """Every spine alive in the last snapshot has no elimination before that time."""
    life = spine_lifetimes(run.events).set_index(["regime", "replicate", "arm", "dendrite_id", "spine_id"])
    snaps = run.snapshots
    last = snaps[snaps["time_h"] == snaps["time_h"].max()]
    keys = list(last[["regime", "replicate", "arm", "dendrite_id", "spine_id"]].itertuples(index=False, name=None))
    known = [k for k in keys if k in life.index]
    assert len(known) > 0
    gone = life.loc[known, "eliminated_h"]
    assert (gone.isna() | (gone > last["time_h"].iloc[0])).all()


def test_kaplan_meier_by_hand():
    # lifetimes 2, 3 (censored), 5, 5, 8 (censored), plus one spine present from the start (not counted)
    ev = pd.DataFrame({
        "regime": "r", "replicate": 0, "arm": "vehicle", "dendrite_id": 0,
        "spine_id": [1, 1, 2, 3, 3, 4, 4, 5, 6],
        "event_type": ["formed", "eliminated", "formed", "formed", "eliminated", "formed", "eliminated", "formed", "eliminated"],
        "time_h": [0, 2, 7, 1, 6, 3, 8, 2, 4]})
    life = spine_lifetimes(ev, end_h=10).set_index("spine_id")
    assert life.loc[1, "lifetime_h"] == 2 and life.loc[2, "censored"] and life.loc[2, "lifetime_h"] == 3
    assert np.isnan(life.loc[6, "formed_h"]) and life.loc[6, "lifetime_h"] == 4
    km = kaplan_meier(life.reset_index())
    # at t=2: 5 at risk, 1 death -> 0.8; t=5: 3 at risk (5,5,8), 2 deaths -> 0.8/3
    assert km["t_h"].tolist() == [2, 5]
    assert km["survival"].tolist() == pytest.approx([0.8, 0.8 / 3])
    s = lifetime_summary(life.reset_index()).iloc[0]
    assert s["km_median_lifetime_h"] == 5 and s["born"] == 5 and s["eliminated_after_birth"] == 3
