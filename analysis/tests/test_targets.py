"""targets.json holds refs/drug_targets.md's numbers; the comparison table's residuals on the real run."""
import numpy as np
import pytest

from agentspines_analysis import imaging as im
from agentspines_analysis.targets import compare, load_targets, target_regime_for


def _find(targets, **kw):
    hits = [t for t in targets["targets"] if all(t.get(k) == v for k, v in kw.items())]
    assert len(hits) == 1, kw
    return hits[0]


def test_targets_hold_the_published_numbers():
    t = load_targets()
    assert _find(t, regime="psilocybin", measure="formation_pct", arm="drug", day=1)["value"] == 12.8
    assert _find(t, regime="psilocybin", measure="formation_pct", arm="vehicle", day=1)["value"] == 7.7
    assert _find(t, regime="psilocybin", measure="density_effect_pp", day=1)["value"] == pytest.approx(6.9 + 3.5)
    assert _find(t, regime="psilocybin", measure="cohort_survival_pct", day=34)["value"] == 35.3
    assert _find(t, regime="psilocybin", measure="head_width_change_pct", arm="drug", day=1)["sem"] == 1.5
    assert _find(t, regime="ketamine", measure="cohort_survival_pct", day=15)["value"] == 21
    assert _find(t, regime="ketamine", measure="density_effect_pp", day=10)["value"] == 25
    assert _find(t, regime="5-meo-dmt", measure="formation_pct", arm="drug", day=1)["value"] == 23.7
    assert all(e["tolerance"] > 0 for e in t["targets"])


def test_regime_matching_by_name_or_drug_and_dose():
    t = load_targets()
    assert target_regime_for("Psilocybin", None, t) == "psilocybin"
    assert target_regime_for("5-MeO-DMT", None, t) == "5-meo-dmt"
    cfg = {"Regime": {"Drug": "ketamine", "Doses": [{"MgPerKg": 10}]}}
    assert target_regime_for("my-ketamine-run", cfg, t) == "ketamine"
    cfg85 = {"Regime": {"Drug": "ketamine", "Doses": [{"MgPerKg": 85}]}}
    assert target_regime_for("ketamine-anaesthetic", cfg85, t) is None
    assert target_regime_for("stress", {"Regime": {"Drug": "corticosterone"}}, t) is None


def test_comparison_on_the_real_run(run):
    table = compare(run.imaging, run.cohorts, run.config)
    assert len(table) > 0, "the test run's regime has published targets"
    ok = table[table["simulated"].notna()]
    assert len(ok) > 0
    np.testing.assert_allclose(ok["residual"], ok["simulated"] - ok["target"])
    assert (ok["within_tolerance"] == (ok["residual"].abs() <= ok["tolerance"])).all()
    # one value by hand: the first density-effect target
    eff = ok[ok["measure"] == "density_effect_pp"]
    if len(eff):
        r = eff.iloc[0]
        d = im.drug_minus_vehicle(im.changes(run.imaging[run.imaging["regime"] == r["regime"]]), "density_change_pct")
        assert r["simulated"] == pytest.approx(d.loc[np.isclose(d["session_day"], r["day"]), "density_change_pct"].mean())
    missing = table[table["simulated"].isna()]
    assert (missing["note"].str.len() > 0).all(), "targets that cannot be measured say why"
