namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>Called with the time (s) and the concentrations (mM, layout c[i*K+k]) after solver steps.</summary>
public delegate void StepObserver(double time_s, ReadOnlySpan<double> concentrations_mM);

/// <summary>A time integrator of one <see cref="ElectrodiffusionSystem"/>, starting at rest at time 0.</summary>
public interface ISpineSolver
{
    ElectrodiffusionSystem System { get; }
    double Time_s { get; }
    ReadOnlySpan<double> State_mM { get; }

    /// <summary>
    /// Integrates to <paramref name="time_s"/> with the boundary drive held constant (one phase of an episode).
    /// The observer, if any, sees intermediate states (every step for the fast solver, every observation interval
    /// for the reference) and always the final one.
    /// </summary>
    void AdvanceTo(double time_s, in BoundaryDrive drive, StepObserver? observer = null);

    /// <summary>Work done so far (explicit steps, or accepted + rejected implicit steps).</summary>
    long StepCount { get; }
}
