namespace AgentSpines.Plasticity.State;

/// <summary>
/// What other modules hand a spine for one structural step; all zero when those modules are off.
/// CalciumUMS: calcium-influx proxy of this step's electrodiffusion episodes, integrated head [Ca] excess in uM*s.
/// PrpOccupancy: fraction (0..1) of the spine's capture sites holding plasticity-related particles (transport).
/// Dopamine: dopamine signal (0..1, fraction of D1 receptors activated) arriving this step;
/// DopamineDelayS: seconds from the activity to the dopamine (gating needs it within the window).
/// </summary>
public readonly record struct SpineInputs(double CalciumUMS, double PrpOccupancy, double Dopamine, double DopamineDelayS)
{
    public static readonly SpineInputs None = new(0, 0, 0, 0);
}
