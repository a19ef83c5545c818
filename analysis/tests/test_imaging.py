"""Imaging measures on the real run, against values computed by hand from the rows."""
import numpy as np
import pytest

from agentspines_analysis import imaging as im
from agentspines_analysis.stats import t_quantile


def _one(run, arm=None):
    img = run.imaging
    regime = sorted(img["regime"].unique())[0]
    arm = arm or sorted(img["arm"].unique())[0]
    rep = sorted(img["replicate"].unique())[0]
    rows = img[(img["regime"] == regime) & (img["arm"] == arm) & (img["replicate"] == rep)].sort_values("session_day")
    return regime, arm, rep, rows


def test_formation_and_elimination_agree_with_the_counts(run):
    """formation_pct = 100 new / previous visible: the simulator's columns must be consistent with each other."""
    c = im.changes(run.imaging)
    c = c[c["prev_session_day"].notna()]
    assert len(c) > 0
    np.testing.assert_allclose(c["formation_pct"], c["formation_pct_from_counts"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(c["elimination_pct"], c["elimination_pct_from_counts"], rtol=1e-9, atol=1e-9)


def test_visible_counts_follow_new_and_lost(run):
    """N(k) = N(k-1) + new - lost between consecutive sessions."""
    c = im.changes(run.imaging)
    c = c[c["prev_session_day"].notna()]
    np.testing.assert_array_equal(c["spines_visible"], c["prev_spines_visible"] + c["new_since_last"] - c["lost_since_last"])


def test_density_change_by_hand(run):
    regime, arm, rep, rows = _one(run)
    n = rows["spines_visible"].to_numpy(float)
    want = 100 * (n / n[0] - 1)
    c = im.changes(run.imaging)
    got = c[(c["regime"] == regime) & (c["arm"] == arm) & (c["replicate"] == rep)].sort_values("session_day")
    np.testing.assert_allclose(got["density_change_pct"], want)
    assert got["density_change_pct"].iloc[0] == 0


def test_drug_minus_vehicle_is_paired_by_replicate(run):
    img = run.imaging
    if set(img["arm"]) != {"drug", "vehicle"}:
        pytest.skip("run has one arm")
    c = im.changes(img)
    d = im.drug_minus_vehicle(c, "density_change_pct")
    r = d.iloc[len(d) // 2]
    pick = lambda arm: c[(c["arm"] == arm) & (c["replicate"] == r["replicate"]) & (c["session_day"] == r["session_day"])]["density_change_pct"].item()
    assert r["density_change_pct"] == pytest.approx(pick("drug") - pick("vehicle"))


def test_time_course_mean_and_interval_by_hand(run):
    img = run.imaging
    regime, arm, _, rows = _one(run)
    day = rows["session_day"].iloc[-1]
    values = img[(img["regime"] == regime) & (img["arm"] == arm) & (img["session_day"] == day)]["density_per_um"].to_numpy()
    tc = im.time_course(img, "density_per_um")
    row = tc[(tc["regime"] == regime) & (tc["arm"] == arm) & (tc["session_day"] == day)].iloc[0]
    assert row["n"] == len(values) and row["mean"] == pytest.approx(values.mean())
    if len(values) > 1:
        half = t_quantile(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
        assert row["ci_high"] - row["mean"] == pytest.approx(half)


def test_turnover_table_covers_every_interval(run):
    t = im.turnover_table(run.imaging)
    days = sorted(run.imaging["session_day"].unique())
    assert sorted(t["to_day"].unique()) == days[1:]
    assert (t["from_day"] < t["to_day"]).all()


def test_true_density_from_metrics_by_hand(run):
    m = run.metrics
    tc = im.true_density_time_course(m)
    first = m.sort_values("time_h").iloc[0]
    sub = m[(m["regime"] == first["regime"]) & (m["arm"] == first["arm"]) & (m["time_h"] == first["time_h"])]
    per_rep = sub.groupby("replicate")["density_per_um"].mean()
    row = tc[(tc["regime"] == first["regime"]) & (tc["arm"] == first["arm"]) & (tc["time_h"] == first["time_h"])].iloc[0]
    assert row["mean"] == pytest.approx(per_rep.mean()) and row["n"] == len(per_rep)
