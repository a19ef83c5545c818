using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Population;

/// <summary>
/// The initial state of one segment, shared by both engines: its context (with the dendrite's random effects) and
/// its spines drawn from the baseline steady state (Setup stream of the segment: Poisson count, uniform positions,
/// sorted; each spine with its own LifeCycle stream).
/// </summary>
public static class SegmentSeeding
{
    public static (SegmentContext Context, List<(SpineState State, RandomStream Rng)> Spines) Seed(PlasticityModel model, ulong replicateKey,
        int dendrite, int segmentIndex, double startUm, double lengthUm, DendriteEffects effects)
    {
        ulong id = PopulationDriver.SegmentId(dendrite, segmentIndex);
        var ctx = new SegmentContext(id, startUm, lengthUm) { Effects = effects };
        var setup = new RandomStream(replicateKey, id, StreamId.Setup);
        long n = setup.NextPoisson(model.Options.DensityPerUm * lengthUm);
        var positions = new double[n];
        for (int i = 0; i < n; i++) positions[i] = startUm + lengthUm * setup.NextDouble();
        Array.Sort(positions);
        var spines = new List<(SpineState, RandomStream)>((int)n);
        foreach (double p in positions)
        {
            ulong sid = ctx.AllocateSpineId();
            var rng = new RandomStream(replicateKey, sid, StreamId.LifeCycle);
            spines.Add((model.NewSpine(sid, id, p, 0, rng, initial: true, effects: effects), rng));
        }
        return (ctx, spines);
    }
}
