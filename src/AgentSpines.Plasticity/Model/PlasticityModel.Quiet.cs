using System.Runtime.CompilerServices;
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
    /// <summary>A filopodium, or a spine with a CaMKII level or an LTP phase: it always takes the full step.</summary>
    NotQuiet = 8,
}

/// <summary>The constants of one step's quiet path under one environment (PlasticityModel.QuietStepFor), computed once per segment.</summary>
public readonly struct QuietStep
{
    internal QuietStep(in StepEnvironment env, double unsilencingPerH, bool possible)
    {
        Possible = possible;
        StepH = env.StepH;
        UnsilencingX = unsilencingPerH * env.StepH;
        // no silencing at all when the rate is not positive (StepSpine's test): no uniform on (0, 1) is below -1
        SilencingX = env.SilencingPerH > 0 ? env.SilencingPerH * env.StepH : -1;
        OccupancyStep = env.Occupancy * env.StepH;
        StabilisationMultiplier = env.StabilisationMultiplier;
        PersistentMultiplier = env.PersistentEliminationMultiplier;
        TransientMultiplier = env.TransientEliminationMultiplier;
    }

    /// <summary>False when every spine must take the full step (another step length, the silent-synapse cycle on).</summary>
    public bool Possible { get; }
    internal double StepH { get; }
    internal double UnsilencingX { get; }
    internal double SilencingX { get; }
    internal double OccupancyStep { get; }
    internal double StabilisationMultiplier { get; }
    internal double PersistentMultiplier { get; }
    internal double TransientMultiplier { get; }
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
        if (s.Stage == LifeStage.Filopodium || s.CamKii != 0 || s.Ltp != LtpPhase.None) f |= QuietFlags.NotQuiet;
        return f;
    }

    /// <summary>The quiet step's constants under env (check Possible).</summary>
    public QuietStep QuietStepFor(in StepEnvironment env) => new(in env, _unsilencingPerH, env.StepH == StepH && !env.Synapses.Enabled);

    /// <summary>
    /// The step of StepSpine for a spine to which nothing happens, from its hot fields alone (a segment keeps them as
    /// arrays): age, the occupancy integrals and the head volume move on, and true is returned. When anything might
    /// happen (an event's uniform below its rate's bound, a change of class) it returns false and changes nothing: the
    /// caller then takes the full StepSpine with the same words and noise. Every quantity is computed with StepSpine's
    /// operations in StepSpine's order (the same helpers), so both give the very same bits; the quiet path only skips
    /// the exact probabilities (1 - e^-x &lt;= x, so u &gt;= x already decides "no event"). For spines without the
    /// NotQuiet flag, no calcium this step (the caller's to check), and with q.Possible.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryStepQuiet(in QuietStep q, LifeStage stage, QuietFlags flags, double turnoverMultiplier, double prpOccupancy,
        uint wElim, uint wStab, uint wSil, double growth, double zb, ref double ageH, ref double volumeUm3, ref double occupancyIntegralH,
        ref double prpIntegralH)
    {
        double dt = q.StepH;
        double uElim = U32(wElim), uStab = U32(wStab), uSil = U32(wSil);
        double age = ageH + dt;
        double volume = _kesten.StepWith(volumeUm3, growth, zb);
        bool silent = (flags & QuietFlags.Silent) != 0, persistent = (flags & QuietFlags.Persistent) != 0;
        // SilencingStep with the cycle off
        if (silent ? uSil < q.UnsilencingX : uSil < q.SilencingX) return false;
        // StabilisationStep
        if (!(persistent || silent || age < _o.StabilisationMinAgeH))
        {
            double intrinsic = StabilisationIntrinsicPerH(volume, turnoverMultiplier, prpOccupancy);
            double rate = intrinsic * q.StabilisationMultiplier;
            if (uStab < rate * dt) return false;
        }
        // elimination: decided "no" by the exp-free bound, or left to the full step
        if (!(uElim >= HazardBoundPerH(persistent, volume, turnoverMultiplier, q.PersistentMultiplier, q.TransientMultiplier) * dt)) return false;
        if (Classify(stage, silent, age, (flags & QuietFlags.Stubby) != 0, volume) != stage) return false;
        ageH = age;
        volumeUm3 = volume;
        occupancyIntegralH += q.OccupancyStep;
        prpIntegralH += prpOccupancy * dt;
        return true;
    }
}
