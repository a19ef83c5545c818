using AgentSpines.Core.Random;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

public sealed partial class PlasticityModel
{
    /// <summary>Whether an eliminated spine leaves a site that later births prefer (call SegmentContext.RecordLoss then).</summary>
    public bool LeavesLossSite(SpineState s) => s.Stage != LifeStage.Filopodium && s.AgeH >= _o.LossSiteMinAgeH;

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
        string cause = mult > 2 ? env.FormationCause : StructuralEvent.Intrinsic;
        long n = rng.NextPoisson(BaselineFormationPerUmPerH * mult * seg.LengthUm * dt);
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
            births.Add(new SpineBirth(seg.AllocateSpineId(), pos, false, cause));
        }
        if (env.FilopodiaPerUmPerH > 0)
        {
            long nf = rng.NextPoisson(env.FilopodiaPerUmPerH * seg.LengthUm * dt);
            for (long i = 0; i < nf; i++)
                births.Add(new SpineBirth(seg.AllocateSpineId(), seg.StartUm + seg.LengthUm * rng.NextDouble(), true, env.FormationCause));
        }
    }
}
