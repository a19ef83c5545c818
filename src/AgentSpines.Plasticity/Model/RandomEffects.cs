using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// What makes one animal differ from another (a replicate is one animal): its sensitivity to the drug (scales the
/// drug's effect on every mechanism; 1 = the configured effect) and its turnover (multiplies hazards, stabilisation and
/// formation of all its dendrites). Drawn from the RandomEffects stream keyed by the replicate, log-normal with mean 1.
/// </summary>
public sealed record AnimalEffects(double DrugSensitivity = 1, double TurnoverMultiplier = 1)
{
    public static readonly AnimalEffects None = new();

    public static AnimalEffects Draw(PlasticityOptions o, ulong replicateKey)
    {
        if (o.AnimalTurnoverLogSd == 0 && o.AnimalDrugSensitivityLogSd == 0) return None;
        var rng = new RandomStream(replicateKey, 0, StreamId.RandomEffects);
        double zTurnover = rng.NextNormal(), zDrug = rng.NextNormal();
        return new AnimalEffects(LogNormalMeanOne(o.AnimalDrugSensitivityLogSd, zDrug), LogNormalMeanOne(o.AnimalTurnoverLogSd, zTurnover));
    }

    /// <summary>exp(sd z - sd^2/2): a log-normal factor whose mean is 1, so the population averages are unchanged.</summary>
    public static double LogNormalMeanOne(double sd, double z) => sd == 0 ? 1 : Math.Exp(sd * z - 0.5 * sd * sd);

    /// <summary>
    /// The drug arm's environment with every drug effect scaled by the sensitivity s: multipliers m -> max(0, 1 + s (m - 1)),
    /// rates and drifts x s, dopamine x s (at most 1). The vehicle arm and s = 1 are returned unchanged.
    /// Interim home of the sensitivity until the shared cascade takes it at its receptor-level inputs.
    /// </summary>
    public StepEnvironment Scale(in StepEnvironment env)
    {
        double s = DrugSensitivity;
        if (s == 1 || env.Arm != Arm.Drug) return env;
        static double M(double m, double s) => Math.Max(0, 1 + s * (m - 1));
        return env with
        {
            FormationMultiplier = M(env.FormationMultiplier, s),
            TransientEliminationMultiplier = M(env.TransientEliminationMultiplier, s),
            PersistentEliminationMultiplier = M(env.PersistentEliminationMultiplier, s),
            StabilisationMultiplier = M(env.StabilisationMultiplier, s),
            LossSiteReuseMultiplier = M(env.LossSiteReuseMultiplier, s),
            EnlargementLogPerH = env.EnlargementLogPerH * s,
            SilencingPerH = env.SilencingPerH * s,
            FilopodiaPerUmPerH = env.FilopodiaPerUmPerH * s,
            Dopamine = Math.Min(1, env.Dopamine * s),
        };
    }
}

/// <summary>
/// What makes one dendrite differ from the others of its animal: a turnover multiplier (the animal's times the
/// dendrite's own log-normal factor, mean 1) applied to the elimination hazards, stabilisation and formation of its
/// spines, so a fast dendrite turns over faster at the same density. Both engines get it from SegmentContext.Effects.
/// </summary>
public sealed record DendriteEffects(double TurnoverMultiplier = 1)
{
    public static readonly DendriteEffects None = new();

    /// <summary>Entity id of a dendrite in the RandomEffects stream (0 is the animal).</summary>
    public static ulong EntityOf(int dendrite) => (ulong)dendrite + 1;

    public static DendriteEffects Draw(PlasticityOptions o, AnimalEffects animal, ulong replicateKey, int dendrite)
    {
        if (o.DendriteTurnoverLogSd == 0) return animal.TurnoverMultiplier == 1 ? None : new DendriteEffects(animal.TurnoverMultiplier);
        double z = new RandomStream(replicateKey, EntityOf(dendrite), StreamId.RandomEffects).NextNormal();
        return new DendriteEffects(animal.TurnoverMultiplier * AnimalEffects.LogNormalMeanOne(o.DendriteTurnoverLogSd, z));
    }
}
