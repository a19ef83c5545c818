namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Error control of the fast (Rodas3) solver. A step is accepted when, in every compartment, the estimated
/// local error of each concentration is below ConcentrationAbsTolMM + RelativeTolerance * |c| and the error of
/// the potential implied by the concentration errors is below PotentialAbsTolMV. The potential term matters:
/// 1 mV corresponds to a net charge of only ~1e-3 mM on 140 mM of ions.
/// </summary>
public sealed record FastSolverOptions
{
    public double RelativeTolerance { get; init; } = 1e-4;
    public double ConcentrationAbsTolMM { get; init; } = 1e-3;
    public double PotentialAbsTolMV { get; init; } = 2e-3;
    /// <summary>First step after each change of the boundary drive (s).</summary>
    public double InitialStepS { get; init; } = 2e-8;
    public double MaxStepS { get; init; } = 2e-3;

    public static FastSolverOptions Default { get; } = new();
}
