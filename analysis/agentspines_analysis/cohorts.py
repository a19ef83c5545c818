"""Survival of new-spine cohorts: of the spines new at cohort_day, the % still visible at session_day."""
from __future__ import annotations

import pandas as pd

from .stats import summarize


def cohort_survival(cohorts: pd.DataFrame) -> pd.DataFrame:
    """Mean and 95% interval over replicates of survival (%) per regime, arm, cohort day and session day."""
    df = cohorts.copy()
    df["survival_pct"] = 100.0 * df["survival_fraction"]
    return summarize(df, "survival_pct", ["regime", "arm", "cohort_day", "session_day"])


def first_cohort_after(cohorts: pd.DataFrame, day: float = 0.0) -> float | None:
    """The first cohort day after `day` (the papers follow the spines new at the first session after the dose)."""
    days = sorted(d for d in cohorts["cohort_day"].unique() if d > day)
    return days[0] if days else None
