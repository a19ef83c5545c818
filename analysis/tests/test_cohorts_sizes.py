"""Cohort survival and size distributions on the real run, by hand; the log-normal fit on known samples."""
import math

import numpy as np
import pytest

from agentspines_analysis.cohorts import cohort_survival, first_cohort_after
from agentspines_analysis.sizes import census, lognormal_fit, size_fits


def test_cohort_survival_mean_by_hand(run):
    c = run.cohorts
    assert ((c["survival_fraction"] >= 0) & (c["survival_fraction"] <= 1)).all()
    assert (c["session_day"] > c["cohort_day"]).all()
    row = c.iloc[len(c) // 2]
    same = c[(c["regime"] == row["regime"]) & (c["arm"] == row["arm"]) & (c["cohort_day"] == row["cohort_day"])
             & (c["session_day"] == row["session_day"])]
    s = cohort_survival(c)
    got = s[(s["regime"] == row["regime"]) & (s["arm"] == row["arm"]) & (s["cohort_day"] == row["cohort_day"])
            & (s["session_day"] == row["session_day"])].iloc[0]
    assert got["mean"] == pytest.approx(100 * same["survival_fraction"].mean()) and got["n"] == len(same)
    assert first_cohort_after(c, 0.0) == min(d for d in c["cohort_day"].unique() if d > 0)


def test_cohort_size_never_exceeds_the_new_spines(run):
    """A cohort is the spines new at cohort_day: its size (when written) equals new_since_last of that session."""
    c, img = run.cohorts, run.imaging
    assert "cohort_size" in c.columns, "cohorts table has no cohort_size column"
    first = c.groupby(["regime", "replicate", "arm", "cohort_day"])["cohort_size"].first().reset_index()
    m = first.merge(img, left_on=["regime", "replicate", "arm", "cohort_day"], right_on=["regime", "replicate", "arm", "session_day"])
    assert len(m) == len(first)
    assert (m["cohort_size"] == m["new_since_last"]).all()


def test_lognormal_fit_of_real_sizes_by_hand(run):
    snaps = run.snapshots
    c = census(snaps)
    assert c.groupby(["regime", "replicate", "arm"])["time_h"].nunique().eq(1).all()
    fits = size_fits(snaps, "head_volume_um3")
    row = fits.iloc[0]
    v = c[(c["regime"] == row["regime"]) & (c["arm"] == row["arm"])]["head_volume_um3"].to_numpy()
    logs = np.log(v[v > 0])
    assert row["n"] == len(logs)
    assert row["mu"] == pytest.approx(logs.mean()) and row["sigma"] == pytest.approx(logs.std())
    assert row["median"] == pytest.approx(math.exp(logs.mean()))


def test_lognormal_fit_recovers_known_parameters():
    rng = np.random.default_rng(3)
    x = np.exp(rng.normal(-1.2, 0.6, 20000))
    f = lognormal_fit(x)
    assert f["mu"] == pytest.approx(-1.2, abs=0.02) and f["sigma"] == pytest.approx(0.6, abs=0.01)
    assert f["ks_d"] < 0.015 and abs(f["log_skewness"]) < 0.05
    y = rng.exponential(1.0, 5000)  # not log-normal: the fit must show it
    assert lognormal_fit(y)["ks_d"] > 0.05


def test_ks_distance_matches_scipy():
    scipy_stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(5)
    x = np.exp(rng.normal(0.3, 0.8, 300))
    f = lognormal_fit(x)
    ref = scipy_stats.kstest(np.log(x), "norm", args=(f["mu"], f["sigma"]))
    assert f["ks_d"] == pytest.approx(ref.statistic, rel=1e-9)
