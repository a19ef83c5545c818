using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Random;
using AgentSpines.Physics.Electrodiffusion;
using AgentSpines.Plasticity.State;
using SpineGeometry = AgentSpines.Physics.Electrodiffusion.SpineGeometry;

namespace AgentSpines.Actors.Population;

/// <summary>What the episodes of one spine in one step amounted to (the `episodes` table).</summary>
public sealed record EpisodeAggregate(double TimeH, ulong SpineId, ulong SegmentId, int Episodes, double MeanPeakDepolarizationMv,
    double MaxPeakDepolarizationMv, double MeanNmdaBoost, double NmdaChargeFc, double CalciumUmS);

/// <summary>
/// Synaptic activity reaching spines: each functional spine receives Poisson(rate x step) input episodes. Each
/// episode runs electrodiffusion (the fast solver behind a geometry-binned cache) on the spine's own geometry.
/// Its NMDA charge becomes the calcium proxy of plasticity: free [Ca2+] excess integrated over time,
/// f_Ca Q / (2 F V_head) / (1 + kappa) x tau_Ca, in uM*s. The step's dopamine (regime mechanism Dopamine) comes
/// with the episodes, for D1-gated enlargement.
/// </summary>
public sealed class EpisodeActivity(ActivityOptions options, double dendriteRadiusUm, IEpisodeModel model) : ISpineActivity
{
    private const double FaradayCPerMol = 96485.33212;
    private readonly SpineGeometry _template = SpineGeometry.SpineA with
    {
        HeadLength_nm = options.HeadLengthNm,
        DendriteRadius_nm = dendriteRadiusUm * 1000,
    };
    private readonly SynapticInput _input = new() { Current_pA = options.CurrentPa, Duration_ms = options.DurationMs };

    public static EpisodeActivity Create(ActivityOptions options, double dendriteRadiusUm)
        => new(options, dendriteRadiusUm, new CachedEpisodeModel(new FastEpisodeModel(), new EpisodeCacheBinning
        {
            HeadRadiusWidth = options.CacheBinWidth, HeadLengthWidth = 0, NeckDiameterWidth = options.CacheBinWidth,
            NeckLengthWidth = options.CacheBinWidth, DendriteRadiusWidth = 0, CurrentWidth = 0,
        }));

    public SpineInputs InputsFor(SpineState spine, in StepEnvironment env, RandomStream rng, out EpisodeAggregate? aggregate)
    {
        aggregate = null;
        if (spine.Stage == LifeStage.Filopodium || spine.Silent) return SpineInputs.None; // no AMPA current: no episode
        long n = rng.NextPoisson(options.EpisodesPerSpinePerHour * env.StepH);
        if (n == 0) return SpineInputs.None;
        var g = Geometry(spine);
        if (g is null) return SpineInputs.None;
        var e = model.Run(g, _input);
        // Every episode of a step is the same input on the same geometry: one solve, n times the charge.
        double charge = n * e.NmdaCharge_fC;
        double calcium = CalciumUmS(e.NmdaCharge_fC, g.HeadVolume_um3) * n;
        aggregate = new EpisodeAggregate(env.TimeH + env.StepH, spine.Id, spine.SegmentId, (int)n, e.PeakHeadDepolarization_mV,
            e.PeakHeadDepolarization_mV, e.NmdaCurrentBoostRatio, charge, calcium);
        // dopamine from the drug environment is tonic: present at the time of the activity (delay 0)
        return new SpineInputs(calcium, 0, env.Dopamine, 0);
    }

    /// <summary>Time integral of the free head [Ca2+] excess after one episode of the given NMDA charge, in uM*s.</summary>
    public double CalciumUmS(double nmdaChargeFc, double headVolumeUm3)
    {
        double molesCa = options.CalciumFractionOfNmdaCurrent * Math.Abs(nmdaChargeFc) * 1e-15 / (2 * FaradayCPerMol);
        double totalUm = molesCa / (headVolumeUm3 * 1e-15) * 1e6;
        return totalUm / (1 + options.CalciumBufferCapacity) * options.CalciumDecayMs * 1e-3;
    }

    /// <summary>The electrodiffusion geometry of a spine, or null if its shape is outside what the solver takes.</summary>
    public SpineGeometry? Geometry(SpineState s)
    {
        var g = SpineGeometry.WithHeadVolume(_template, s.HeadVolumeUm3) with
        {
            NeckDiameter_nm = s.NeckDiameterUm * 1000,
            NeckLength_nm = Math.Clamp(s.NeckLengthUm * 1000, 50, 5000),
        };
        try
        {
            g.Validate();
            return g;
        }
        catch (Core.AgentSpinesInputException)
        {
            return null;
        }
    }
}
