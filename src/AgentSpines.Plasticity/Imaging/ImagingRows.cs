namespace AgentSpines.Plasticity.Imaging;

/// <summary>One row of the `imaging` table: one session of one replicate of one arm. Rates are % of the previous session's visible spines.</summary>
public sealed record ImagingRow(
    string Regime, int Replicate, string Arm, double SessionDay, int SpinesVisible, double DensityPerUm,
    int NewSinceLast, int LostSinceLast, double FormationPct, double EliminationPct, double MeanHeadWidthUm,
    int FilopodiaVisible, double TrueDensityPerUm);

/// <summary>One row of the `cohorts` table: of the spines new at cohort_day, the fraction still visible at session_day.</summary>
public sealed record CohortRow(string Regime, int Replicate, string Arm, double CohortDay, double SessionDay, int CohortSize, double SurvivalFraction);
