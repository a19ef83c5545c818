namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Runs one synaptic episode in one spine. What spine actors and plasticity call. Implementations are
/// thread-safe and deterministic (same geometry and input, same summary).
/// </summary>
public interface IEpisodeModel
{
    EpisodeSummary Run(SpineGeometry geometry, SynapticInput input);
}
