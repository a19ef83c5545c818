using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>What the quiet step reads of a spine besides its running sums (PlasticityModel.QuietFlagsOf).</summary>
[Flags]
public enum QuietFlags : byte
{
    None = 0,
    Silent = 1,
    Persistent = 2,
    /// <summary>The neck is short enough for the stubby class (necks never change after birth).</summary>
    Stubby = 4,
    /// <summary>
    /// A filopodium, or a spine with a CaMKII level, late LTP, or an early-phase factor outside an early phase: it always
    /// takes the full step.
    /// </summary>
    NotQuiet = 8,
    /// <summary>In the early phase of LTP or LTD: only the quiet step with activity (StepQuietWithActivity) takes it.</summary>
    EarlyPhase = 16,
}

/// <summary>
/// The fields of a spine that a step reads and writes when nothing happens to it (a segment keeps its spines' as one
/// array, 48 bytes a spine, beside their state objects): the running values of age, head volume and the two occupancy
/// integrals, and copies of the class, the flags and the turnover multiplier.
/// </summary>
public struct QuietSpine
{
    public double AgeH;
    public double HeadVolumeUm3;
    public double OccupancyIntegralH;
    public double PrpIntegralH;
    public double TurnoverMultiplier;
    public LifeStage Stage;
    public QuietFlags Flags;

    /// <summary>The running values into the spine's state object (before anything reads it).</summary>
    public readonly void WriteTo(SpineState s)
    {
        s.AgeH = AgeH;
        s.HeadVolumeUm3 = HeadVolumeUm3;
        s.OccupancyIntegralH = OccupancyIntegralH;
        s.PrpIntegralH = PrpIntegralH;
    }
}

/// <summary>
/// The constants of one step's quiet path under one environment (PlasticityModel.QuietStepFor), computed once per
/// segment: the environment's and the options' values the step reads, copied so that the loop keeps them in registers.
/// </summary>
public readonly struct QuietStep
{
    /// <summary>False when every spine must take the full step (another step length, the silent-synapse cycle on).</summary>
    public bool Possible { get; init; }
    internal double StepH { get; init; }
    /// <summary>The environment's time at the start of the step (h).</summary>
    internal double TimeH { get; init; }
    internal double UnsilencingX { get; init; }
    internal double SilencingX { get; init; }
    internal double OccupancyStep { get; init; }
    internal double StabilisationMultiplier { get; init; }
    internal double PersistentMultiplier { get; init; }
    internal double TransientMultiplier { get; init; }
    internal KestenSizeProcess Kesten { get; init; }
    /// <summary>CaMKII ends every step at 0 whatever the pulse (CamKiiSwitch.AlwaysRelaxesToZero).</summary>
    internal bool CamKiiAlwaysOff { get; init; }
    /// <summary>
    /// Calcium below which the pulse stays under the LTP threshold for sure (CamKiiSwitch.Hill increases with calcium;
    /// the margin of 1e-6 is far above its rounding), so that the quiet step with activity need not compute it; -infinity
    /// when that cannot be said (CaMKII may stay on, or the options put the threshold outside (0, 1)).
    /// </summary>
    internal double CalciumBelowLtpUMS { get; init; }
}

public sealed partial class PlasticityModel
{
    /// <summary>The flags the quiet step reads, from a spine's state (refresh them after every full step of the spine).</summary>
    public QuietFlags QuietFlagsOf(SpineState s)
    {
        var f = QuietFlags.None;
        if (s.Silent) f |= QuietFlags.Silent;
        if (s.Persistent) f |= QuietFlags.Persistent;
        if (IsStubby(s.NeckLengthUm)) f |= QuietFlags.Stubby;
        // an early-phase factor other than 1 moves the class boundary (Classify): outside an early phase (where the quiet
        // step with activity keeps it) such a spine takes the full step
        bool earlyPhase = s.Ltp is LtpPhase.Early or LtpPhase.EarlyLtd;
        if (earlyPhase) f |= QuietFlags.EarlyPhase;
        if (s.Stage == LifeStage.Filopodium || s.CamKii != 0 || (s.Ltp != LtpPhase.None && !earlyPhase) || (!earlyPhase && s.EarlyLtpFactor != 1))
            f |= QuietFlags.NotQuiet;
        return f;
    }

    /// <summary>A spine's quiet fields from its state (after the state changed: seeding, birth, a full step).</summary>
    public QuietSpine QuietSpineOf(SpineState s) => new()
    {
        AgeH = s.AgeH, HeadVolumeUm3 = s.HeadVolumeUm3, OccupancyIntegralH = s.OccupancyIntegralH, PrpIntegralH = s.PrpIntegralH,
        TurnoverMultiplier = s.TurnoverMultiplier, Stage = s.Stage, Flags = QuietFlagsOf(s),
    };

    /// <summary>The quiet step's constants under env (check Possible).</summary>
    public QuietStep QuietStepFor(in StepEnvironment env)
    {
        bool camKiiAlwaysOff = CamKiiSwitch.AlwaysRelaxesToZero(env.StepH, _o);
        return new()
        {
            // a density-restoring hazard takes the full step (the quiet step's bound does not hold it)
            Possible = env.StepH == StepH && !env.Synapses.Enabled && env.RestoringEliminationPerH == 0,
            StepH = env.StepH,
            TimeH = env.TimeH,
            UnsilencingX = _unsilencingPerH * env.StepH,
            // no silencing at all when the rate is not positive (StepSpine's test): no uniform on (0, 1) is below -1
            SilencingX = env.SilencingPerH > 0 ? env.SilencingPerH * env.StepH : -1,
            OccupancyStep = env.Occupancy * env.StepH,
            StabilisationMultiplier = env.StabilisationMultiplier,
            PersistentMultiplier = env.PersistentEliminationMultiplier,
            TransientMultiplier = env.TransientEliminationMultiplier,
            Kesten = _kesten,
            CamKiiAlwaysOff = camKiiAlwaysOff,
            // computed once with the model (a Math.Pow per dendrite and step otherwise)
            CalciumBelowLtpUMS = camKiiAlwaysOff ? _calciumBelowLtpUMS : double.NegativeInfinity,
        };
    }

    /// <summary>CamKiiSwitch.CalciumBelowThreshold of the LTP threshold under the model's options.</summary>
    private readonly double _calciumBelowLtpUMS;

    /// <summary>
    /// The steps of StepSpine for a run of spines to which nothing happens, from their hot fields alone (a segment keeps
    /// them as arrays): for each spine i that is quiet (no NotQuiet flag) and to which nothing can happen this step,
    /// its age, occupancy integrals and head volume move on and quiet[i] is true. When anything might happen (an event's
    /// uniform below its rate's bound, a change of class) quiet[i] is false and its fields are unchanged: the caller
    /// then takes the full StepSpine with the same words and noise. Every quantity is computed with StepSpine's
    /// operations in StepSpine's order, so both give the very same bits (QuietStepTests); the quiet path only skips the
    /// exact probabilities (1 - e^-x &lt;= x, so u &gt;= x already decides "no event"). words: five per spine (StepSpine's);
    /// noise: the growth factor and the second normal per spine (SizeNoise); prpOccupancy: empty when all are 0.
    /// The caller must know that no spine has calcium this step, and q.Possible.
    /// </summary>
    /// <param name="vectorized">false: one spine at a time (QuietStructure.Step); true: four at a time where 256-bit vectors
    /// are accelerated (QuietStructure.StepQuietVectors), the very same bits.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StepQuiet(in QuietStep q, Span<QuietSpine> spines, ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise,
        Span<bool> quiet, bool vectorized = true)
    {
        int n = spines.Length;
        if (!q.Possible) throw new InvalidOperationException("the quiet step is not possible under this environment");
        if ((prpOccupancy.Length != 0 && prpOccupancy.Length < n) || words.Length < WordsPerStep * n || noise.Length < 2 * n || quiet.Length < n)
            throw new ArgumentException($"spans shorter than the {n} spines");
        var k = new QuietStructure(this, in q);
        bool withPrp = prpOccupancy.Length != 0;
        int i = 0;
        if (vectorized && Vector256.IsHardwareAccelerated && k.VectorsExact) i = k.StepQuietVectors(spines, prpOccupancy, words, noise, quiet);
        for (; i < n; i++)
        {
            ref var sp = ref spines[i];
            // an early phase needs its expiry test (the quiet step with activity); a quiet spine's early-phase factor is 1
            quiet[i] = (sp.Flags & (QuietFlags.NotQuiet | QuietFlags.EarlyPhase)) == 0
                       && k.Step(ref sp, sp.HeadVolumeUm3, withPrp ? prpOccupancy[i] : 0, 1, words, noise, i);
        }
    }
}

/// <summary>
/// The structural part of StepSpine for a spine that may step quietly (silencing, size, stabilisation, elimination,
/// class), shared by StepQuiet and the quiet step with activity: the step's constants, read once, and the step of one
/// spine from a given head volume (after ActivityStep, for the latter), every quantity with StepSpine's operations in
/// its order (QuietStepTests).
/// </summary>
internal readonly partial struct QuietStructure
{
    private readonly double _dt, _unsilencingX, _silencingX, _occupancyStep, _stabilisationMultiplier, _persistentMultiplier, _transientMultiplier;
    private readonly double _meanB, _bSd, _floorUm3, _stabilisationMinAgeH, _stabilisationPerH, _referenceUm3, _stabilisationExponent, _hazardExponent;
    private readonly double _prpWeight, _prpReference, _youngBound, _persistentPerH, _transientPerH, _maxHazardPerH;
    private readonly double _mushroomUm3, _mushroomStays, _thinBecomesMushroom;

    public QuietStructure(PlasticityModel m, in QuietStep q)
    {
        var o = m.Options;
        (_dt, _unsilencingX, _silencingX, _occupancyStep) = (q.StepH, q.UnsilencingX, q.SilencingX, q.OccupancyStep);
        (_stabilisationMultiplier, _persistentMultiplier, _transientMultiplier) = (q.StabilisationMultiplier, q.PersistentMultiplier, q.TransientMultiplier);
        (_meanB, _bSd, _floorUm3) = (q.Kesten.MeanB, q.Kesten.BSd, q.Kesten.FloorUm3);
        (_stabilisationMinAgeH, _stabilisationPerH, _referenceUm3) = (o.StabilisationMinAgeH, m.StabilisationPerH, o.HazardReferenceVolumeUm3);
        (_stabilisationExponent, _hazardExponent) = (o.StabilisationVolumeExponent, -o.HazardVolumeExponent);
        (_prpWeight, _prpReference) = (o.PrpStabilisationWeight, o.PrpReferenceOccupancy);
        (_youngBound, _persistentPerH, _transientPerH, _maxHazardPerH) = (m.YoungHazardBound, m.PersistentHazardPerH, m.TransientHazardPerH, o.MaxHazardPerH);
        _mushroomUm3 = o.MushroomMinHeadVolumeUm3;
        (_mushroomStays, _thinBecomesMushroom) = (_mushroomUm3 * (1 - o.StageHysteresis), _mushroomUm3 * (1 + o.StageHysteresis));
    }

    /// <summary>
    /// Spine i's structural step from head volume headVolumeUm3 with PRP occupancy prp and early-phase factor factor
    /// (the class boundary's; 1 outside an early phase, and cut * 1 is cut): when nothing can happen, its age, head volume
    /// and integrals move on and the result is true; otherwise nothing changes and the caller takes the full step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Step(ref QuietSpine sp, double headVolumeUm3, double prp, double factor, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, int i)
    {
        var f = sp.Flags;
        bool silent = (f & QuietFlags.Silent) != 0, persistent = (f & QuietFlags.Persistent) != 0;
        double uSil = PlasticityModel.U32(words[PlasticityModel.WordsPerStep * i + 2]);
        // SilencingStep with the cycle off
        if (silent ? uSil < _unsilencingX : uSil < _silencingX) return false;
        double age = sp.AgeH + _dt;
        // KestenSizeProcess.StepWith
        double volume = noise[2 * i] * headVolumeUm3 + _meanB + _bSd * noise[2 * i + 1];
        volume = volume < _floorUm3 ? _floorUm3 : volume;
        double tm = sp.TurnoverMultiplier;
        // StabilisationStep (StabilisationIntrinsicPerH, PrpStabilisationFactor)
        if (!(persistent || silent || age < _stabilisationMinAgeH))
        {
            double prpFactor = _prpWeight == 0 ? 1 : 1 - _prpWeight + _prpWeight * prp / _prpReference;
            double intrinsic = _stabilisationPerH * PlasticityModel.PowFast(volume / _referenceUm3, _stabilisationExponent) * tm * prpFactor;
            double rate = intrinsic * _stabilisationMultiplier;
            if (PlasticityModel.U32(words[PlasticityModel.WordsPerStep * i + 1]) < rate * _dt) return false;
        }
        // elimination (HazardBoundPerH): "no" by the exp-free bound, or left to the full step
        double baseRate = persistent ? _persistentPerH : _transientPerH;
        double mult = persistent ? _persistentMultiplier : _transientMultiplier;
        double h = PlasticityModel.PowFast(volume / _referenceUm3, _hazardExponent) * _youngBound * baseRate * tm;
        if (!(PlasticityModel.U32(words[PlasticityModel.WordsPerStep * i]) >= Math.Min(h * mult, _maxHazardPerH) * _dt)) return false;
        // Classify (no filopodium here), the boundary moved by the early-phase factor
        var before = sp.Stage;
        LifeStage after;
        if (silent && age < 96) after = LifeStage.Nascent;
        else if ((f & QuietFlags.Stubby) != 0) after = LifeStage.Stubby;
        else
        {
            double cut = before == LifeStage.Mushroom ? _mushroomStays : before == LifeStage.Thin ? _thinBecomesMushroom : _mushroomUm3;
            after = volume >= cut * factor ? LifeStage.Mushroom : LifeStage.Thin;
        }
        if (after != before) return false;
        sp.AgeH = age;
        sp.HeadVolumeUm3 = volume;
        sp.OccupancyIntegralH += _occupancyStep;
        sp.PrpIntegralH += prp * _dt;
        return true;
    }
}
