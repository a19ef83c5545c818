"""The dose-response figure (agentspines dose-response): a zero dose stays on the axis instead of being dropped by a
log scale, and positive doses keep their log spacing."""
import warnings

import matplotlib.image as mpimg
import pandas as pd

from agentspines_analysis import drugplots

COLUMNS = ["dose_mg_per_kg", "day", "density_effect_pp", "density_effect_low95", "density_effect_high95", "formation_drug_pct",
           "formation_vehicle_pct", "elimination_drug_pct", "elimination_vehicle_pct", "width_effect_pct", "filopodia_drug"]


def _table(tmp_path, doses):
    rows = [[d, day, 0.5 * d, 0.5 * d - 1, 0.5 * d + 1, 10, 8, 7, 7, 0, 0] for d in doses for day in (1, 7)]
    csv = tmp_path / "dose_response.csv"
    pd.DataFrame(rows, columns=COLUMNS).to_csv(csv, index=False)
    return csv


def test_zero_dose_alone_is_plotted_without_a_log_scale_warning(tmp_path):
    csv = _table(tmp_path, [0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = drugplots.dose_response(csv, tmp_path / "dr.png")
    assert mpimg.imread(png).shape[0] > 100


def test_positive_doses_use_a_log_axis(tmp_path, monkeypatch):
    scales = []
    import matplotlib.axes
    original = matplotlib.axes.Axes.set_xscale
    monkeypatch.setattr(matplotlib.axes.Axes, "set_xscale", lambda self, value, **kw: (scales.append(value), original(self, value, **kw))[1])
    drugplots.dose_response(_table(tmp_path, [1, 3, 10]), tmp_path / "a.png")
    drugplots.dose_response(_table(tmp_path, [0, 3, 10]), tmp_path / "b.png")
    assert scales == ["log", "symlog"]
