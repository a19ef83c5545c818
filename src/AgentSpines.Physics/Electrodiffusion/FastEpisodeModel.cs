namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>Episodes with the adaptive implicit solver (about a millisecond each); the model for populations.</summary>
public sealed class FastEpisodeModel(ElectrodiffusionParameters? parameters = null, FastSolverOptions? options = null, NmdaConductance? nmda = null)
    : IEpisodeModel
{
    public ElectrodiffusionParameters Parameters { get; } = parameters ?? ElectrodiffusionParameters.Paper;

    public EpisodeSummary Run(SpineGeometry geometry, SynapticInput input)
    {
        var sys = new ElectrodiffusionSystem(Parameters, geometry);
        return EpisodeRunner.Run(new FastRosenbrockSolver(sys, options), input, nmda);
    }
}
