namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Voltage dependence of the NMDA receptor (Mg2+ block) used by the paper (after Chiu and Carter 2022):
/// g(V) = 1 / (1 + a exp(b V)) with a = 0.073, b = -0.074 / mV (V in mV), and the current
/// I = g_max g(V) (V - E_rev) with E_rev = 0 mV. g_max (nS) only scales the calcium proxy.
/// </summary>
public sealed record NmdaConductance
{
    public double BlockFactor { get; init; } = 0.073;
    public double SlopePerMV { get; init; } = -0.074;
    public double ReversalPotentialMV { get; init; }
    public double MaxConductanceNS { get; init; } = 1.0;

    public static NmdaConductance Paper { get; } = new();

    /// <summary>Normalised conductance g(V) in [0, 1].</summary>
    public double Normalised(double vMV) => 1.0 / (1.0 + BlockFactor * Math.Exp(SlopePerMV * vMV));

    /// <summary>Inward NMDA current (pA, positive inward) at head potential vMV, glutamate bound.</summary>
    public double InwardCurrentPA(double vMV) => MaxConductanceNS * Normalised(vMV) * (ReversalPotentialMV - vMV);
}
