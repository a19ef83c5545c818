using AgentSpines.Core.Identity;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Population;

/// <summary>One segment of the initial population: its context, its spines in id order and where their life-cycle streams stand.</summary>
public sealed class SeededSegment(int dendrite, SegmentContext context, List<SpineState> spines, List<ulong> lifeCycleWords)
{
    public int Dendrite { get; } = dendrite;
    public SegmentContext Context { get; } = context;
    public List<SpineState> Spines { get; } = spines;
    /// <summary>
    /// The next word of Spines[i]'s life-cycle stream (RandomStream(key, id, LifeCycle).WordsUsed), past the draws of its
    /// initial state: its steps start there (the engine draws from positions, the plain driver resumes a stream there).
    /// </summary>
    public List<ulong> LifeCycleWords { get; } = lifeCycleWords;

    /// <summary>Spines[i]'s life-cycle stream, resumed where its initial state left it.</summary>
    public RandomStream LifeCycleStream(ulong key, int i) => RandomStream.AtWord(key, Spines[i].Id, StreamId.LifeCycle, LifeCycleWords[i]);
}

/// <summary>
/// The initial population, drawn the one way both engines use (the plain PopulationDriver and the actor engine):
/// segment k of dendrite d covers [k L_seg, min((k+1) L_seg, L_dend)); it draws Poisson(density x length) spines
/// at uniform positions from its Setup stream, sorted by position, ids from its counter in that order; each spine's
/// life-cycle stream draws its initial state first, then its steps.
/// </summary>
public static class PopulationSeeding
{
    public static int SegmentsPerDendrite(double dendriteLengthUm, double segmentLengthUm)
        => Math.Max(1, (int)Math.Ceiling(dendriteLengthUm / segmentLengthUm - 1e-9));

    /// <param name="effects">the dendrite's random effects (DendriteEffects.Draw), kept in the segment's context</param>
    public static SeededSegment Segment(PlasticityModel model, ulong key, int dendrite, int index, double dendriteLengthUm, double segmentLengthUm,
        DendriteEffects effects)
    {
        double start = index * segmentLengthUm;
        double len = Math.Min(segmentLengthUm, dendriteLengthUm - start);
        ulong id = SpineId.SegmentIdOf(dendrite, index);
        var ctx = new SegmentContext(id, start, len) { Effects = effects };
        var setup = new RandomStream(key, id, StreamId.Setup);
        long n = setup.NextPoisson(model.Options.DensityPerUm * len);
        var positions = new double[n];
        for (int i = 0; i < n; i++) positions[i] = start + len * setup.NextDouble();
        Array.Sort(positions);
        var spines = new List<SpineState>((int)n);
        var words = new List<ulong>((int)n);
        var rng = new RandomStream(key, 0, StreamId.LifeCycle); // one object, made each spine's stream in turn
        foreach (double p in positions)
        {
            ulong sid = ctx.AllocateSpineId();
            rng.Restart(key, sid, StreamId.LifeCycle);
            spines.Add(model.NewSpine(sid, id, p, 0, rng, initial: true, effects: effects));
            words.Add(rng.WordsUsed);
        }
        return new SeededSegment(dendrite, ctx, spines, words);
    }

    /// <summary>Every segment of dendrites [firstDendrite, endDendrite), in id order.</summary>
    public static IEnumerable<SeededSegment> Segments(PlasticityModel model, ulong key, int firstDendrite, int endDendrite, double dendriteLengthUm, double segmentLengthUm)
    {
        int perDendrite = SegmentsPerDendrite(dendriteLengthUm, segmentLengthUm);
        var animal = AnimalEffects.Draw(model.Options, key);
        for (int d = firstDendrite; d < endDendrite; d++)
        {
            var effects = DendriteEffects.Draw(model.Options, animal, key, d);
            for (int k = 0; k < perDendrite; k++) yield return Segment(model, key, d, k, dendriteLengthUm, segmentLengthUm, effects);
        }
    }
}
