"""t-based 95% intervals over replicates."""
import math

import numpy as np
import pytest

from agentspines_analysis.stats import mean_ci, summarize, t_quantile

# two-sided 95% critical values of Student's t (standard tables)
TABLE = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 9: 2.262, 19: 2.093, 30: 2.042}


@pytest.mark.parametrize("df,value", TABLE.items())
@pytest.mark.parametrize("use_scipy", [True, False])
def test_t_quantile_matches_tables(df, value, use_scipy):
    assert t_quantile(0.975, df, use_scipy=use_scipy) == pytest.approx(value, abs=6e-4)
    assert t_quantile(0.025, df, use_scipy=use_scipy) == pytest.approx(-value, abs=6e-4)


def test_mean_ci_by_hand():
    r = mean_ci([1.0, 2.0, 3.0, 4.0, float("nan")])
    sd = math.sqrt(((1.5 ** 2) * 2 + (0.5 ** 2) * 2) / 3)
    half = 3.182446305284263 * sd / 2
    assert (r["n"], r["mean"], r["sd"]) == (4, 2.5, pytest.approx(sd))
    assert r["ci_low"] == pytest.approx(2.5 - half) and r["ci_high"] == pytest.approx(2.5 + half)
    one = mean_ci([5.0])
    assert one["mean"] == 5 and np.isnan(one["ci_low"])


def test_summarize_groups_rows():
    import pandas as pd
    df = pd.DataFrame({"arm": ["a", "a", "b", "b", "b"], "x": [1.0, 3.0, 2.0, 2.0, 5.0]})
    s = summarize(df, "x", ["arm"]).set_index("arm")
    assert s.loc["a", "mean"] == 2 and s.loc["b", "mean"] == 3 and s.loc["b", "n"] == 3
    assert s.loc["a", "ci_high"] - 2 == pytest.approx(12.706204736 * math.sqrt(2) / math.sqrt(2))
