using AgentSpines.Core.Random;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The drug-free steady state, computed once per model with a fixed internal seed (deterministic):
/// a birth cohort is followed through the transient phase until death or stabilisation, giving the mean
/// transient time and the stabilised fraction; persistent spines live 1 / (h_P E[(V/Vref)^-beta]) on average,
/// the expectation taken over the stationary Kesten distribution. Little's law (density = formation x mean
/// lifetime) then gives the formation rate that holds DensityPerUm, and the pool fractions for the initial
/// population. The transient states visited by the cohort (time-weighted) are the stationary transient pool.
/// </summary>
public sealed class BaselineEquilibrium
{
    private const ulong InternalSeed = 0x5EED_BA5E_11_E0UL;
    private const int CohortSize = 40000;
    private const int KestenChains = 3000;
    private const int ReservoirStride = 7;
    private const int CohortBlock = 250; // spines per parallel work item

    private readonly PlasticityModel _model;
    private readonly List<(double AgeH, double VolumeUm3, double NeckUm, bool Silent)> _transientPool = new();
    private readonly double[] _stationaryVolumes;

    public double MeanTransientTimeH { get; }
    public double StabilisedFraction { get; }
    public double MeanPersistentLifetimeH { get; }
    public double MeanLifetimeH { get; }
    public double FormationPerUmPerH { get; }
    public double PersistentFraction { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<BaselineEquilibrium>> Cache = new();

    /// <summary>The equilibrium of a model, shared by all models with the same options and step (it is deterministic).</summary>
    internal static BaselineEquilibrium For(PlasticityModel model)
    {
        string key = AgentSpines.Core.Configuration.ResolvedConfig.ToJson(model.Options) + "|" + model.StepH.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return Cache.GetOrAdd(key, _ => new Lazy<BaselineEquilibrium>(() => new BaselineEquilibrium(model))).Value;
    }

    private BaselineEquilibrium(PlasticityModel model)
    {
        _model = model;
        var o = model.Options;
        double dt = model.StepH;
        _stationaryVolumes = StationaryKestenSample(model, dt);
        double meanFactor = 0;
        foreach (double v in _stationaryVolumes) meanFactor += Math.Pow(v / o.HazardReferenceVolumeUm3, -o.HazardVolumeExponent);
        meanFactor /= _stationaryVolumes.Length;
        MeanPersistentLifetimeH = o.PersistentHazardPerDay > 0 ? 24.0 / (o.PersistentHazardPerDay * meanFactor) : 1e9;

        // The cohort's spines are independent (each has its own stream), so they run in parallel; the results
        // are then gathered in spine order, and the time sum is added step by step as before: the same bits.
        var steps = new int[CohortSize];
        var stable = new bool[CohortSize];
        var pools = new List<(double, double, double, bool)>[(CohortSize + CohortBlock - 1) / CohortBlock];
        Parallel.For(0, pools.Length, b =>
        {
            pools[b] = new();
            for (int i = b * CohortBlock; i < Math.Min(CohortSize, (b + 1) * CohortBlock); i++)
                (steps[i], stable[i]) = FollowTransient(model, i, i % ReservoirStride == 0 ? pools[b] : null);
        });
        _transientPool.Capacity = pools.Sum(p => p.Count);
        foreach (var pool in pools) _transientPool.AddRange(pool);
        double transientTime = 0;
        int stabilised = 0;
        for (int i = 0; i < CohortSize; i++)
        {
            for (int k = 0; k < steps[i]; k++) transientTime += dt;
            if (stable[i]) stabilised++;
        }
        MeanTransientTimeH = transientTime / CohortSize;
        StabilisedFraction = (double)stabilised / CohortSize;
        MeanLifetimeH = MeanTransientTimeH + StabilisedFraction * MeanPersistentLifetimeH;
        FormationPerUmPerH = o.DensityPerUm / MeanLifetimeH;
        PersistentFraction = StabilisedFraction * MeanPersistentLifetimeH / MeanLifetimeH;
    }

    /// <summary>
    /// Follows birth-cohort spine i until it dies or stabilises (at most a year); adds its states before each step
    /// to the pool, if any. Returns the steps taken and whether it stabilised.
    /// </summary>
    private static (int Steps, bool Stabilised) FollowTransient(PlasticityModel model, int i, List<(double, double, double, bool)>? pool)
    {
        var env = StepEnvironment.Neutral(0, model.StepH, Arm.Vehicle);
        // With PRP-fed stabilisation the steady state is the one at the reference PRP occupancy (factor 1):
        // the exchange is configured so that this is its mean (configs/prp_tagging.json).
        var o = model.Options;
        var inputs = o.PrpStabilisationWeight > 0 ? SpineInputs.None with { PrpOccupancy = o.PrpReferenceOccupancy } : SpineInputs.None;
        int maxSteps = (int)(365 * 24 / model.StepH);
        var rng = new RandomStream(InternalSeed, (ulong)i, StreamId.LifeCycle);
        var s = model.NewSpine((ulong)i, 0, 0, 0, rng, initial: false);
        for (int k = 0; k < maxSteps; k++)
        {
            pool?.Add((s.AgeH, s.HeadVolumeUm3, s.NeckLengthUm, s.Silent));
            var fate = model.StepSpine(ref s, env, inputs, rng, NullEventList.Instance);
            if (fate == SpineFate.Eliminated) return (k + 1, false);
            if (s.Persistent) return (k + 1, true);
        }
        return (maxSteps, false);
    }

    /// <summary>Stationary volumes from independent chains (run in parallel, each written to its own slot).</summary>
    private static double[] StationaryKestenSample(PlasticityModel model, double dt)
    {
        var k = model.MakeKesten(dt);
        int burn = (int)Math.Ceiling(10 * model.Options.KestenRelaxationH / dt);
        var result = new double[KestenChains];
        Parallel.For(0, KestenChains, c =>
        {
            var rng = new RandomStream(InternalSeed, (ulong)c, StreamId.SizeNoise);
            double v = model.Options.KestenMeanHeadVolumeUm3;
            for (int i = 0; i < burn; i++) v = k.Step(v, rng.NextNormal(), rng.NextNormal());
            result[c] = v;
        });
        return result;
    }

    /// <summary>A spine of the steady-state population: persistent (stationary Kesten volume) or a transient-pool state.</summary>
    public SpineState SampleInitial(ulong spineId, ulong segmentId, double positionUm, double timeH, RandomStream rng)
    {
        var o = _model.Options;
        bool persistent = rng.NextDouble() < PersistentFraction;
        double neck = o.NeckLengthMedianUm * Math.Exp(o.NeckLengthLogSd * rng.NextNormal());
        SpineState s;
        if (persistent)
        {
            double v = _stationaryVolumes[rng.NextInt(_stationaryVolumes.Length)];
            double age = 5 * 24 + rng.NextExponential(1.0 / MeanPersistentLifetimeH);
            s = new SpineState
            {
                Id = spineId, SegmentId = segmentId, PositionUm = positionUm, FormedAtH = timeH - age, AgeH = age,
                Persistent = true, Silent = false, HeadVolumeUm3 = v, NeckLengthUm = neck, NeckDiameterUm = o.NeckDiameterUm,
            };
        }
        else
        {
            var p = _transientPool[rng.NextInt(_transientPool.Count)];
            s = new SpineState
            {
                Id = spineId, SegmentId = segmentId, PositionUm = positionUm, FormedAtH = timeH - p.AgeH, AgeH = p.AgeH,
                Persistent = false, Silent = p.Silent, HeadVolumeUm3 = p.VolumeUm3, NeckLengthUm = p.NeckUm, NeckDiameterUm = o.NeckDiameterUm,
            };
        }
        s.Stage = LifeStage.Thin;
        s.Stage = _model.Classify(s);
        return s;
    }

    /// <summary>Discards events (the equilibrium cohort needs none); it keeps nothing, so all threads share one.</summary>
    private sealed class NullEventList : List<StructuralEvent>, IList<StructuralEvent>
    {
        public static readonly NullEventList Instance = new();

        void ICollection<StructuralEvent>.Add(StructuralEvent item) { }
    }
}
