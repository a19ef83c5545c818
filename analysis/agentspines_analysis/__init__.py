"""agentspines_analysis: AgentSpines run directories (Parquet) as pandas frames, the measures of spine-imaging
papers, figures and an HTML report. Start with `run = load(RUN_DIR)`, then run.imaging, run.events, ..."""
from .loader import Run, load, choose_backend
from .imaging import changes, drug_minus_vehicle, time_course, effect_time_course, turnover_table, true_density_time_course
from .lifetimes import spine_lifetimes, kaplan_meier, lifetime_summary
from .cohorts import cohort_survival
from .sizes import census, lognormal_fit, size_fits
from .stats import mean_ci, summarize, t_quantile
from .targets import compare as compare_targets, load_targets

__all__ = ["Run", "load", "choose_backend", "changes", "drug_minus_vehicle", "time_course", "effect_time_course",
           "turnover_table", "true_density_time_course", "spine_lifetimes", "kaplan_meier", "lifetime_summary",
           "cohort_survival", "census", "lognormal_fit", "size_fits", "mean_ci", "summarize", "t_quantile",
           "compare_targets", "load_targets"]
__version__ = "0.1.0"
