namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>Episodes with the paper's explicit scheme (seconds to minutes each); the reference for checks.</summary>
public sealed class ReferenceEpisodeModel(ElectrodiffusionParameters? parameters = null, double timeStepS = 0.1e-9, NmdaConductance? nmda = null)
    : IEpisodeModel
{
    public ElectrodiffusionParameters Parameters { get; } = parameters ?? ElectrodiffusionParameters.Paper;
    public double TimeStepS { get; } = timeStepS;

    public EpisodeSummary Run(SpineGeometry geometry, SynapticInput input)
    {
        var sys = new ElectrodiffusionSystem(Parameters, geometry);
        return EpisodeRunner.Run(new ReferenceExplicitSolver(sys, TimeStepS), input, nmda);
    }
}
