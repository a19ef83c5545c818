namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>Called with the time (s) and the concentrations (mM, layout c[i*K+k]) after solver steps.</summary>
public delegate void StepObserver(double timeS, ReadOnlySpan<double> concentrationsMM);

/// <summary>A time integrator of one <see cref="ElectrodiffusionSystem"/>, starting at rest at time 0.</summary>
public interface ISpineSolver
{
    ElectrodiffusionSystem System { get; }
    double TimeS { get; }
    ReadOnlySpan<double> StateMM { get; }

    /// <summary>
    /// Integrates to <paramref name="timeS"/> with the boundary drive held constant (one phase of an episode).
    /// The observer, if any, sees intermediate states (every step for the fast solver, every observation interval
    /// for the reference) and always the final one.
    /// </summary>
    void AdvanceTo(double timeS, in BoundaryDrive drive, StepObserver? observer = null);

    /// <summary>Work done so far (explicit steps, or accepted + rejected implicit steps).</summary>
    long StepCount { get; }
}
