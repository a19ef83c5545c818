using System.Runtime.CompilerServices;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The per-spine and per-segment rules of structural plasticity, as plain functions of state, environment and a
/// random stream. StepSpine draws a fixed number of values per call (five 32-bit words: 3 uniforms, 2 normals by inversion) so that drug and
/// vehicle arms with the same seed stay in step (common random numbers). Thread-safe: no mutable shared state.
/// </summary>
public sealed partial class PlasticityModel
{
    private readonly PlasticityOptions _o;
    private readonly Lazy<BaselineEquilibrium> _equilibrium;
    private KestenSizeProcess _kesten;
    private readonly double _youngHazardNegligibleAfterH;
    // per-hour rates of the options, divided once (the step divided them for every spine)
    private readonly double _transientHazardPerH, _persistentHazardPerH, _stabilisationPerH, _unsilencingPerH;
    /// <summary>1 + max(A, 0): the young-hazard factor 1 + A exp(-age/tau) never exceeds it (HazardBoundPerH); NaN when there is no bound.</summary>
    private readonly double _youngHazardBound;

    public PlasticityOptions Options => _o;
    // the per-hour rates the quiet paths read (QuietStructure)
    internal double TransientHazardPerH => _transientHazardPerH;
    internal double PersistentHazardPerH => _persistentHazardPerH;
    internal double StabilisationPerH => _stabilisationPerH;
    internal double YoungHazardBound => _youngHazardBound;
    public double StepH { get; }
    /// <summary>The preparation's density restoration (off unless DensityRestoringRatePerDay > 0).</summary>
    public DensityRestoration Restoration { get; }

    public PlasticityModel(PlasticityOptions options, double stepH = 1.0)
    {
        _o = options;
        StepH = stepH;
        Restoration = new DensityRestoration(options.DensityRestoringRatePerDay);
        _kesten = MakeKesten(stepH);
        _youngHazardNegligibleAfterH = YoungHazardNegligibleAfterH(options.YoungHazardBoost, options.YoungHazardTimeH);
        _transientHazardPerH = options.TransientHazardPerDay / 24.0;
        _persistentHazardPerH = options.PersistentHazardPerDay / 24.0;
        _stabilisationPerH = options.StabilisationPerDay / 24.0;
        _unsilencingPerH = options.UnsilencingPerDay / 24.0;
        _calciumBelowLtpUMS = CamKiiSwitch.CalciumBelowThreshold(options.CamKiiLtpThreshold, options);
        // without a positive time constant exp(-age/tau) is not at most 1: no bound (every spine computes its hazard)
        _youngHazardBound = !(options.YoungHazardTimeH > 0) || double.IsNaN(options.YoungHazardBoost) ? double.NaN
            : options.YoungHazardBoost > 0 ? 1 + options.YoungHazardBoost : 1;
        _equilibrium = new Lazy<BaselineEquilibrium>(() => BaselineEquilibrium.For(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public KestenSizeProcess Kesten => _kesten;

    public KestenSizeProcess MakeKesten(double stepH) => new(_o.KestenMeanHeadVolumeUm3, _o.KestenRelaxationH,
        _o.KestenLogASdPerSqrtH, _o.KestenBSdUm3PerSqrtH, _o.MinHeadVolumeUm3, stepH);

    /// <summary>The baseline steady state (formation rate, pool fractions, stationary samples).</summary>
    public BaselineEquilibrium Equilibrium => _equilibrium.Value;

    /// <summary>Baseline de novo formation (per um per hour): configured, or derived from DensityPerUm.</summary>
    public double BaselineFormationPerUmPerH => _o.FormationPerUmPerDay > 0 ? _o.FormationPerUmPerDay / 24.0 : Equilibrium.FormationPerUmPerH;

    /// <summary>
    /// Creates a spine. initial = part of the population at time 0, drawn from the baseline steady state;
    /// otherwise a new protrusion (or a filopodium), for which a "formed" event is added to events.
    /// </summary>
    public SpineState NewSpine(ulong spineId, ulong segmentId, double positionUm, double timeH, RandomStream rng, bool initial,
        bool filopodium = false, IList<StructuralEvent>? events = null, string cause = StructuralEvent.Intrinsic, DendriteEffects? effects = null)
    {
        SpineState s = NewSpineState(spineId, segmentId, positionUm, timeH, rng, initial, filopodium, events, cause);
        s.TurnoverMultiplier = effects?.TurnoverMultiplier ?? 1;
        return s;
    }

    private SpineState NewSpineState(ulong spineId, ulong segmentId, double positionUm, double timeH, RandomStream rng, bool initial,
        bool filopodium, IList<StructuralEvent>? events, string cause)
    {
        SpineState s;
        if (initial) s = Equilibrium.SampleInitial(spineId, segmentId, positionUm, timeH, rng);
        else
        {
            double v = _o.BirthHeadVolumeUm3 * Math.Exp(_o.BirthHeadVolumeLogSd * rng.NextNormal());
            double neck = _o.NeckLengthMedianUm * Math.Exp(_o.NeckLengthLogSd * rng.NextNormal());
            s = new SpineState
            {
                Id = spineId, SegmentId = segmentId, PositionUm = positionUm, FormedAtH = timeH, AgeH = 0,
                Silent = true, Persistent = false, HeadVolumeUm3 = filopodium ? _o.MinHeadVolumeUm3 : Math.Max(v, _o.MinHeadVolumeUm3),
                NeckLengthUm = filopodium ? 2 * neck : neck, NeckDiameterUm = _o.NeckDiameterUm,
                Stage = filopodium ? LifeStage.Filopodium : LifeStage.Nascent,
            };
            events?.Add(new StructuralEvent(timeH, s.Id, segmentId, StructuralEvent.Formed, s.Stage, s.Stage, 0, s.HeadVolumeUm3,
                s.NeckLengthUm, s.NeckDiameterUm, positionUm, cause));
        }
        return s;
    }

    /// <summary>The 32-bit words StepSpine draws from a spine's life-cycle stream per step.</summary>
    public const int WordsPerStep = 5;

    /// <summary>One structural step of one spine. Adds its events; returns Eliminated when the spine is gone.</summary>
    public SpineFate StepSpine(SpineState s, in StepEnvironment env, in SpineInputs inputs, RandomStream rng, IList<StructuralEvent> events)
    {
        Span<uint> words = stackalloc uint[WordsPerStep];
        for (int i = 0; i < WordsPerStep; i++) words[i] = rng.NextUInt32();
        return StepSpine(s, in env, in inputs, words, events);
    }

    /// <summary>
    /// One structural step from the spine's next WordsPerStep words, already drawn (a segment draws its spines' words
    /// in one batch, PhiloxBatch): the same step as from the stream itself.
    /// </summary>
    public SpineFate StepSpine(SpineState s, in StepEnvironment env, in SpineInputs inputs, ReadOnlySpan<uint> words, IList<StructuralEvent> events)
    {
        if (words.Length != WordsPerStep) throw new ArgumentException($"{words.Length} words, a step takes {WordsPerStep}", nameof(words));
        double growth = KestenFor(env.StepH).Growth(NormalQuantile.FromWord(words[3]), env.EnlargementLogPerH * env.StepH);
        return StepSpine(s, in env, in inputs, words, growth, NormalQuantile.FromWord(words[4]), events);
    }

    private KestenSizeProcess KestenFor(double dt) => dt == StepH ? _kesten : MakeKesten(dt);

    /// <summary>
    /// The size noise of a batch of spines' steps, from words 3 and 4 of each one's five: noise[2i] the Kesten factor a
    /// (KestenSizeProcess.Growth of the first normal, with the environment's drift), noise[2i + 1] the second normal.
    /// Bit for bit what StepSpine computes from the same words, made four spines at a time with vectors.
    /// </summary>
    public void SizeNoise(ReadOnlySpan<uint> words, in StepEnvironment env, Span<double> noise)
    {
        SizeNormals(words, noise);
        SizeGrowths(noise, in env);
    }

    /// <summary>The first half of SizeNoise: both normals of each spine's step (noise[2i], noise[2i + 1]); needs no environment.</summary>
    public static void SizeNormals(ReadOnlySpan<uint> words, Span<double> noise) => NormalQuantile.FromWordPairs(words, WordsPerStep, 3, noise);

    /// <summary>The second half of SizeNoise: each first normal, in place, becomes the Kesten factor a under env.</summary>
    public void SizeGrowths(Span<double> noise, in StepEnvironment env) => KestenFor(env.StepH).Growths(noise, env.EnlargementLogPerH * env.StepH);

    /// <summary>One structural step from the spine's words and the size noise SizeNoise made of them (growth a, normal zb).</summary>
    public SpineFate StepSpine(SpineState s, in StepEnvironment env, in SpineInputs inputs, ReadOnlySpan<uint> words, double growth, double zb,
        IList<StructuralEvent> events)
    {
        EarlyPhaseCounts unused = default;
        return StepSpine(s, in env, in inputs, words, growth, zb, events, ref unused, countEarlyPhase: false);
    }

    /// <summary>
    /// The same step, with the early-phase LTP/LTD size changes added to <paramref name="earlyPhase"/> instead of
    /// events (enlarged/shrunk with cause ltp/ltd) when countEarlyPhase; everything else is the same, bit for bit.
    /// </summary>
    public SpineFate StepSpine(SpineState s, in StepEnvironment env, in SpineInputs inputs, ReadOnlySpan<uint> words, double growth, double zb,
        IList<StructuralEvent> events, ref EarlyPhaseCounts earlyPhase, bool countEarlyPhase)
    {
        if (words.Length != WordsPerStep) throw new ArgumentException($"{words.Length} words, a step takes {WordsPerStep}", nameof(words));
        double dt = env.StepH;
        // exactly five 32-bit words per step: three decisions and the size process's two normals (words 3 and 4, by inversion: growth, zb)
        double uElim = U32(words[0]), uStab = U32(words[1]), uSil = U32(words[2]);
        s.AgeH += dt;
        s.OccupancyIntegralH += env.Occupancy * dt;
        s.PrpIntegralH += inputs.PrpOccupancy * dt;
        double t = env.TimeH + dt;

        if (s.Stage == LifeStage.Filopodium)
        {
            if (Occurs(uElim, dt / _o.FilopodiumLifetimeH))
            {
                Emit(events, t, s, StructuralEvent.Eliminated, s.Stage, s.HeadVolumeUm3, StructuralEvent.Intrinsic);
                return SpineFate.Eliminated;
            }
            return SpineFate.Alive;
        }

        LifeStage before = s.Stage;
        if (!(inputs.CalciumUMS <= 0) || s.CamKii != 0 || s.Ltp != LtpPhase.None) ActivityStep(s, env, inputs, t, events, ref earlyPhase, countEarlyPhase); // most spines: no call

        s.HeadVolumeUm3 = KestenFor(dt).StepWith(s.HeadVolumeUm3, growth, zb);

        SilencingStep(s, env, uSil, t, events);
        StabilisationStep(s, env, inputs, uStab, t, events);

        // the young spines' exp only when the elimination is possible at all: uElim at or above the bound means no (exact)
        double hazard = 0, intrinsicPerH = 0;
        if (!(uElim >= HazardBoundPerH(s, env) * dt)) hazard = HazardPerH(s, env, out intrinsicPerH);
        if (Occurs(uElim, hazard * dt))
        {
            // uElim is uniform on (0, P(h dt)) given the event: below the intrinsic probability the spine would have gone
            // without the drug too (and does so in the vehicle arm that shares the stream); above it, the drug's share
            // of the hazard took it. So P(drug-caused | event) = 1 - P(h0)/P(h) ~ (m - 1)/m, with no extra draw.
            string cause = uElim >= Prob(intrinsicPerH * dt) ? env.EliminationCause : StructuralEvent.Intrinsic;
            Emit(events, t, s, StructuralEvent.Eliminated, s.Stage, s.HeadVolumeUm3, cause);
            return SpineFate.Eliminated;
        }

        LifeStage after = Classify(s);
        if (after != before)
        {
            s.Stage = after;
            events.Add(new StructuralEvent(t, s.Id, s.SegmentId, StructuralEvent.StateChanged, before, after, s.HeadVolumeUm3, s.HeadVolumeUm3,
                s.NeckLengthUm, s.NeckDiameterUm, s.PositionUm, StructuralEvent.Intrinsic));
        }
        return SpineFate.Alive;
    }

    /// <summary>
    /// Elimination hazard per hour: h_tag (V/Vref)^-beta (1 + A exp(-age/tau_young)) x the dendrite's turnover multiplier
    /// x the drug/stress multiplier + the dendrite's density-restoring hazard (capped at MaxHazardPerH). intrinsicPerH: the same without the drug/stress multiplier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double HazardPerH(SpineState s, in StepEnvironment env, out double intrinsicPerH)
    {
        double baseRate = s.Persistent ? _persistentHazardPerH : _transientHazardPerH;
        double mult = s.Persistent ? env.PersistentEliminationMultiplier : env.TransientEliminationMultiplier;
        double h = IntrinsicHazardFactor(s.HeadVolumeUm3, s.AgeH) * baseRate * s.TurnoverMultiplier;
        intrinsicPerH = Math.Min(h, _o.MaxHazardPerH);
        // + 0 leaves h mult's bits as they are: runs without density restoration are unchanged
        return Math.Min(h * mult + env.RestoringEliminationPerH, _o.MaxHazardPerH);
    }

    /// <summary>
    /// An upper bound of HazardPerH that needs no exp: the young-spine boost taken at age 0, the same operations in the
    /// same order otherwise. Rounding is monotonic and 1 + A e &lt;= 1 + max(A, 0) for e = exp(-age/tau) in [0, 1], so the
    /// bound is never below the hazard as computed, and u &gt;= bound dt decides "no elimination" exactly as the hazard would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double HazardBoundPerH(SpineState s, in StepEnvironment env)
        => env.RestoringEliminationPerH == 0
            ? HazardBoundPerH(s.Persistent, s.HeadVolumeUm3, s.TurnoverMultiplier, env.PersistentEliminationMultiplier, env.TransientEliminationMultiplier)
            : Math.Min(HazardBoundPerH(s.Persistent, s.HeadVolumeUm3, s.TurnoverMultiplier, env.PersistentEliminationMultiplier, env.TransientEliminationMultiplier)
                       + env.RestoringEliminationPerH, _o.MaxHazardPerH);

    /// <summary>HazardBoundPerH of a spine given as its fields (the quiet step's columns): the same operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double HazardBoundPerH(bool persistent, double volumeUm3, double turnoverMultiplier, double persistentMultiplier, double transientMultiplier)
    {
        double baseRate = persistent ? _persistentHazardPerH : _transientHazardPerH;
        double mult = persistent ? persistentMultiplier : transientMultiplier;
        double h = PowFast(volumeUm3 / _o.HazardReferenceVolumeUm3, -_o.HazardVolumeExponent) * _youngHazardBound * baseRate * turnoverMultiplier;
        return Math.Min(h * mult, _o.MaxHazardPerH);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double IntrinsicHazardFactor(double volumeUm3, double ageH)
    {
        double volumeFactor = PowFast(volumeUm3 / _o.HazardReferenceVolumeUm3, -_o.HazardVolumeExponent);
        if (ageH > _youngHazardNegligibleAfterH) return volumeFactor; // the boost no longer changes a bit of the factor
        return volumeFactor * (1 + _o.YoungHazardBoost * Math.Exp(-ageH / _o.YoungHazardTimeH));
    }

    /// <summary>
    /// The age after which 1 + A exp(-age/tau) rounds to exactly 1: |A| exp(-age/tau) is then below e^-40 &lt; 2^-54,
    /// under half the spacing of doubles next to 1. Old spines (most of a population) thus skip an exp.
    /// </summary>
    private static double YoungHazardNegligibleAfterH(double boost, double tauH)
    {
        if (!double.IsFinite(boost) || !(tauH > 0) || double.IsInfinity(tauH)) return double.PositiveInfinity;
        return Math.Max(0, tauH * (Math.Log(Math.Abs(boost)) + 40));
    }

    private void SilencingStep(SpineState s, in StepEnvironment env, double u, double t, IList<StructuralEvent> events)
    {
        if (env.Synapses.Enabled) { SynapseMaturation.Default.Step(s, env, u, t, events); return; } // silent-synapse cycle (own file)
        double dt = env.StepH;
        if (s.Silent)
        {
            if (Occurs(u, _unsilencingPerH * dt))
            {
                s.Silent = false;
                Emit(events, t, s, StructuralEvent.Unsilenced, s.Stage, s.HeadVolumeUm3, StructuralEvent.Intrinsic);
            }
        }
        else if (env.SilencingPerH > 0 && Occurs(u, env.SilencingPerH * dt))
        {
            s.Silent = true;
            Emit(events, t, s, StructuralEvent.Silenced, s.Stage, s.HeadVolumeUm3, env.EliminationCause);
        }
    }

    private void StabilisationStep(SpineState s, in StepEnvironment env, in SpineInputs inputs, double u, double t, IList<StructuralEvent> events)
    {
        if (s.Persistent || s.Silent || s.AgeH < _o.StabilisationMinAgeH) return;
        double intrinsic = StabilisationIntrinsicPerH(s.HeadVolumeUm3, s.TurnoverMultiplier, inputs.PrpOccupancy);
        double rate = intrinsic * env.StabilisationMultiplier;
        if (Occurs(u, rate * env.StepH))
        {
            s.Persistent = true;
            // as for elimination: u above the intrinsic probability means the drug's share of the rate did it
            string cause = env.StabilisationMultiplier > 1 && u >= Prob(intrinsic * env.StepH) ? env.FormationCause : StructuralEvent.Intrinsic;
            Emit(events, t, s, StructuralEvent.Stabilised, s.Stage, s.HeadVolumeUm3, cause);
        }
    }

    /// <summary>A transient spine's stabilisation rate per hour without the drug's multiplier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double StabilisationIntrinsicPerH(double volumeUm3, double turnoverMultiplier, double prpOccupancy)
        => _stabilisationPerH * PowFast(volumeUm3 / _o.HazardReferenceVolumeUm3, _o.StabilisationVolumeExponent)
           * turnoverMultiplier * PrpStabilisationFactor(prpOccupancy);

    /// <summary>(1 - w) + w P / P_ref: captured plasticity-related proteins feed stabilisation (1 when w = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PrpStabilisationFactor(double prpOccupancy)
        => _o.PrpStabilisationWeight == 0 ? 1 : 1 - _o.PrpStabilisationWeight + _o.PrpStabilisationWeight * prpOccupancy / _o.PrpReferenceOccupancy;

    /// <summary>
    /// Morphological class with hysteresis: mushroom = large head on a neck, stubby = no neck, else thin. The class
    /// follows the consolidated head: an unconsolidated early-phase LTP/LTD change (factor f, undone after the early
    /// phase unless PRPs are captured) does not move it, so V is compared with cut x f (V / f is the head without it).
    /// The PSD, which makes a synapse mature, follows a volume change only hours later and only once it is
    /// consolidated (Bosch et al. 2014 Neuron 82:444; Meyer, Bonhoeffer and Scheuss 2014 Neuron 82:430). Without an
    /// early phase f = 1 exactly, so the class is what it always was.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LifeStage Classify(SpineState s)
    {
        if (s.Stage == LifeStage.Filopodium) return LifeStage.Filopodium;
        return Classify(s.Stage, s.Silent, s.AgeH, IsStubby(s.NeckLengthUm), s.HeadVolumeUm3, s.EarlyLtpFactor);
    }

    /// <summary>Whether a neck this short makes a spine stubby (the neck never changes after birth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsStubby(double neckLengthUm) => neckLengthUm < _o.StubbyMaxNeckLengthUm;

    /// <summary>Classify of a spine that is not a filopodium, given as its fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LifeStage Classify(LifeStage stage, bool silent, double ageH, bool stubby, double volumeUm3, double earlyLtpFactor)
    {
        if (silent && ageH < 96) return LifeStage.Nascent;
        if (stubby) return LifeStage.Stubby;
        double cut = _o.MushroomMinHeadVolumeUm3;
        if (stage == LifeStage.Mushroom) cut *= 1 - _o.StageHysteresis;
        else if (stage == LifeStage.Thin) cut *= 1 + _o.StageHysteresis;
        return volumeUm3 >= cut * earlyLtpFactor ? LifeStage.Mushroom : LifeStage.Thin;
    }

    /// <summary>Uniform on (0, 1) from one 32-bit word (resolution 2^-32 is ample for per-step probabilities).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double U32(uint word) => (word + 0.5) * (1.0 / 4294967296.0);

    /// <summary>x^e with fast paths for the common exponents.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double PowFast(double x, double e) => e == 0 ? 1 : e == 0.5 ? Math.Sqrt(x) : e == -0.5 ? 1 / Math.Sqrt(x) : e == 1 ? x : e == -1 ? 1 / x : Math.Pow(x, e);

    /// <summary>Probability of at least one event of a Poisson process with mean x: 1 - exp(-x).</summary>
    public static double Prob(double x) => x < 1e-5 ? x - 0.5 * x * x : 1 - Math.Exp(-x);

    /// <summary>
    /// u &lt; Prob(x), decided without the exp when it can be: Prob(x) never exceeds x (1 - e^-x &lt; x, by more than
    /// the rounding of exp), so u &gt;= x means no. Per-step probabilities are small, so this is nearly always so.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Occurs(double u, double x) => u < x && u < Prob(x);

    private static void Emit(IList<StructuralEvent> events, double t, SpineState s, string type, LifeStage before, double volBefore, string cause)
        => events.Add(new StructuralEvent(t, s.Id, s.SegmentId, type, before, s.Stage, volBefore, s.HeadVolumeUm3,
            s.NeckLengthUm, s.NeckDiameterUm, s.PositionUm, cause));
}
