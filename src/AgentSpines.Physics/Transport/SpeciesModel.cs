using System.Runtime.CompilerServices;
using AgentSpines.Core.Random;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// The resolved, immutable parameters of one species on one dendrite, with the samplers that use them.
/// Particle p of species s draws from the streams (run seed, EntityId(s, p) [| 2^63 for motion], StreamId.Transport), so its history
/// depends on nothing but its own numbers: not on threads, partitions or which actor holds it.
/// </summary>
public sealed class SpeciesModel
{
    public string Name { get; }
    public int SpeciesIndex { get; }
    public int ParticleCount { get; }
    public ulong Seed { get; }
    public double DiffusionUm2PerMs { get; }
    public double DriftUmPerMs { get; }
    public double ReactionRatePerMs { get; }
    public CaptureKernel CaptureKernel { get; }
    public int CaptureShape { get; }
    /// <summary>lambda1 = rho_l * lambda1', per ms.</summary>
    public double CaptureRatePerMs { get; }
    public DwellKernel DwellKernel { get; }
    public int DwellShape { get; }
    public double DwellTauMs { get; }
    public double DwellMu { get; }
    public DendriteGeometry Dendrite { get; }
    public InitialOptions Initial { get; }

    /// <param name="sitePositionsUm">Spine positions (ascending) when spines are not on the lattice of dendrite; the
    /// capture rate then follows their density on this dendrite (no spines: no capture).</param>
    public SpeciesModel(ParticleSpeciesOptions o, int speciesIndex, TransportDendriteOptions dendrite, ulong seed, double[]? sitePositionsUm = null)
    {
        Name = o.Name; SpeciesIndex = speciesIndex; ParticleCount = o.ParticleCount; Seed = seed;
        DiffusionUm2PerMs = o.DiffusionUm2PerMs; DriftUmPerMs = o.DriftUmPerMs; ReactionRatePerMs = o.ReactionRatePerMs;
        CaptureKernel = o.Capture.Kernel; CaptureShape = o.Capture.Shape;
        DwellKernel = o.Dwell.Kernel; DwellShape = o.Dwell.Shape; DwellTauMs = o.Dwell.TauMs; DwellMu = o.Dwell.Mu;
        Dendrite = new DendriteGeometry(dendrite, o.DiffusionUm2PerMs, o.DriftUmPerMs, sitePositionsUm);
        CaptureRatePerMs = Dendrite.SpineDensityPerUm * o.Capture.RateUmPerMs;
        Initial = o.Initial;
    }

    /// <summary>Entity id of a particle: species in the top 16 bits, particle index below.</summary>
    public static ulong EntityId(int species, int particle) => ((ulong)(uint)species << 40) | (uint)particle;

    /// <summary>The particle's clock stream: free, dwell and reaction times (and initial placement).</summary>
    public PhiloxCursor Cursor(int particle, ulong wordsUsed) => new(Seed, EntityId(SpeciesIndex, particle), StreamId.Transport, wordsUsed);

    /// <summary>
    /// The particle's motion stream (entity id with the top bit set): the Gaussian increments. Kept apart from the
    /// clock so that the event times, and so the counts, do not depend on how often positions are sampled.
    /// </summary>
    public PhiloxCursor MotionCursor(int particle, ulong wordsUsed) => new(Seed, EntityId(SpeciesIndex, particle) | (1UL << 63), StreamId.Transport, wordsUsed);

    /// <summary>Mean free time between release (or start) and capture, ms.</summary>
    public double MeanFreeTimeMs => CaptureKernel == CaptureKernel.Exponential ? 1.0 / CaptureRatePerMs : CaptureShape / CaptureRatePerMs;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SampleFreeTime(ref PhiloxCursor rng) => CaptureKernel == CaptureKernel.Exponential
        ? WaitingTimes.Exponential(ref rng, CaptureRatePerMs)
        : WaitingTimes.Erlang(ref rng, CaptureShape, CaptureRatePerMs);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SampleDwellTime(ref PhiloxCursor rng) => DwellKernel switch
    {
        DwellKernel.Exponential => WaitingTimes.Exponential(ref rng, 1.0 / DwellTauMs),
        DwellKernel.Gamma => WaitingTimes.Erlang(ref rng, DwellShape, DwellShape / DwellTauMs),
        DwellKernel.MittagLeffler => WaitingTimes.MittagLeffler(ref rng, DwellMu, DwellTauMs),
        _ => WaitingTimes.Lomax(ref rng, DwellMu, DwellTauMs),
    };
}
