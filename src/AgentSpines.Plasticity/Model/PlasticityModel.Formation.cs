using AgentSpines.Core.Random;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

public sealed partial class PlasticityModel
{
    /// <summary>Whether an eliminated spine leaves a site that later births prefer (call SegmentContext.RecordLoss then).</summary>
    public bool LeavesLossSite(in SpineState s) => s.Stage != LifeStage.Filopodium && s.AgeH >= _o.LossSiteMinAgeH;

    /// <summary>
    /// One formation step of one segment: Poisson(F * formation multiplier * L * dt) new protrusions, each placed at a
    /// remembered recent-loss site (plus jitter) with the reuse probability, else uniformly; plus drug-evoked
    /// filopodia. Ids come from the segment's counter. The caller creates each birth with NewSpine.
    /// </summary>
    public void StepFormation(SegmentContext seg, in StepEnvironment env, RandomStream rng, IList<SpineBirth> births)
    {
        double dt = env.StepH;
        seg.ForgetBefore(env.TimeH - _o.LossSiteMemoryH);
        double mult = Math.Max(0, env.FormationMultiplier);
        // births are Poisson(F0 m): each is the drug's with probability (m - 1)/m, decided by a hash of the replicate key and
        // the new spine's id (no draw from the formation stream, so both arms keep the same sequence of decisions)
        double drugShare = mult > 1 ? (mult - 1) / mult : 0;
        long n = rng.NextPoisson(BaselineFormationPerUmPerH * mult * seg.Effects.TurnoverMultiplier * seg.LengthUm * dt);
        double reuse = Math.Min(1, _o.LossSiteReuseProbability * env.LossSiteReuseMultiplier);
        var losses = seg.RecentLosses;
        for (long i = 0; i < n; i++)
        {
            double pos;
            if (losses.Count > 0 && rng.NextDouble() < reuse)
            {
                var site = losses[rng.NextInt(losses.Count)];
                pos = Math.Clamp(site.PositionUm + _o.LossSiteJitterUm * rng.NextNormal(), seg.StartUm, seg.StartUm + seg.LengthUm);
            }
            else pos = seg.StartUm + seg.LengthUm * rng.NextDouble();
            ulong id = seg.AllocateSpineId();
            string cause = drugShare > 0 && CauseUniform(rng.Seed, id) < drugShare ? env.FormationCause : StructuralEvent.Intrinsic;
            births.Add(new SpineBirth(id, pos, false, cause));
        }
        if (env.FilopodiaPerUmPerH > 0) // filopodia are made by the drug only
        {
            long nf = rng.NextPoisson(env.FilopodiaPerUmPerH * seg.LengthUm * dt);
            for (long i = 0; i < nf; i++)
                births.Add(new SpineBirth(seg.AllocateSpineId(), seg.StartUm + seg.LengthUm * rng.NextDouble(), true, env.FormationCause));
        }
    }

    /// <summary>A uniform number in [0, 1) fixed by the replicate key and the spine id (attribution of a birth's cause).</summary>
    public static double CauseUniform(ulong replicateKey, ulong spineId)
        => (RunSeed.Mix(spineId ^ RunSeed.Mix(replicateKey ^ 0xCA05EUL)) >> 11) * (1.0 / 9007199254740992.0);
}
