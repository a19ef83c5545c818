using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// Everything that determines an episode response surface: the electrodiffusion parameters, the fast solver's
/// tolerances, the NMDA model, the episode protocol (durations; the current when it is not an axis), the fixed
/// parts of the geometry (head length, dendrite length, compartment length), the range of each coordinate and the
/// refinement settings. <see cref="Key"/> is the SHA-256 of a canonical text of all of it plus the software
/// version and the surface format: the file name of the surface in a cache directory.
/// </summary>
public sealed record EpisodeSurfaceSpec
{
    /// <summary>Bump when the fast solver's numerics or the episode measurements change (old surfaces then no longer match).</summary>
    public const string SolverRevision = "rodas3-1";
    public const int FormatVersion = 1;

    public ElectrodiffusionParameters Parameters { get; init; } = ElectrodiffusionParameters.Paper;
    public FastSolverOptions Solver { get; init; } = FastSolverOptions.Default;
    public NmdaConductance Nmda { get; init; } = NmdaConductance.Paper;
    /// <summary>Episode protocol; its CurrentPA is ignored (the current is a coordinate, see <see cref="CurrentPA"/>).</summary>
    public SynapticInput Input { get; init; } = new();
    /// <summary>Head length, dendrite length and compartment length come from here; the other lengths are coordinates.</summary>
    public SpineGeometry Template { get; init; } = SpineGeometry.SpineA;

    public SurfaceRange HeadVolumeUm3 { get; init; } = new(0.004, 2.0);
    public SurfaceRange NeckLengthNm { get; init; } = new(50, 5000);
    public SurfaceRange NeckDiameterNm { get; init; } = new(50, 250);
    public SurfaceRange CurrentPA { get; init; } = SurfaceRange.Fixed(25);
    public SurfaceRange DendriteRadiusNm { get; init; } = SurfaceRange.Fixed(400);

    /// <summary>Allowed relative error of linear interpolation (in log value) at the midpoint of a grid interval.</summary>
    public double RefineTolerance { get; init; } = 0.002;
    /// <summary>Nodes per non-fixed axis before refinement (uniform in the logarithm).</summary>
    public int InitialNodes { get; init; } = 5;
    /// <summary>How many times an initial interval may be halved.</summary>
    public int MaxRefinements { get; init; } = 6;
    /// <summary>Random points at which the finished surface is compared with the fast solver (the error is stored with it).</summary>
    public int VerificationPoints { get; init; } = 200;
    /// <summary>Refuse to build more nodes than this (a guard against ranges or tolerances that would take hours).</summary>
    public int MaxNodes { get; init; } = 100_000;
    /// <summary>Largest error at the verification points the build accepts before halving the tolerance (up to three times).</summary>
    public double VerifiedErrorLimit { get; init; } = 0.005;

    public SurfaceRange Range(int axis) => (SurfaceAxis)axis switch
    {
        SurfaceAxis.HeadVolumeUm3 => HeadVolumeUm3,
        SurfaceAxis.NeckLengthNm => NeckLengthNm,
        SurfaceAxis.NeckDiameterNm => NeckDiameterNm,
        SurfaceAxis.CurrentPA => CurrentPA,
        SurfaceAxis.DendriteRadiusNm => DendriteRadiusNm,
        _ => throw new ArgumentOutOfRangeException(nameof(axis)),
    };

    public const int AxisCount = 5;

    public void Validate()
    {
        Parameters.Validate();
        Template.Validate();
        (Input with { CurrentPA = 0 }).Validate();
        for (int a = 0; a < AxisCount; a++)
        {
            var r = Range(a);
            if (!(r.Min > 0) || !double.IsFinite(r.Max) || r.Max < r.Min)
                throw new AgentSpinesInputException($"episode surface: range of {(SurfaceAxis)a} [{F(r.Min)}, {F(r.Max)}] must be positive with min <= max");
        }
        if (!(RefineTolerance > 1e-5 && RefineTolerance < 0.1))
            throw new AgentSpinesInputException($"episode surface: refine tolerance {F(RefineTolerance)} is not in (1e-5, 0.1)");
        if (InitialNodes < 2 || InitialNodes > 100) throw new AgentSpinesInputException($"episode surface: initial nodes {InitialNodes} is not in [2, 100]");
        if (MaxRefinements < 0 || MaxRefinements > 12) throw new AgentSpinesInputException($"episode surface: max refinements {MaxRefinements} is not in [0, 12]");
        if (VerificationPoints < 0) throw new AgentSpinesInputException("episode surface: verification points must be >= 0");
    }

    /// <summary>Canonical text of the spec (invariant culture, round-trip numbers): what the key hashes.</summary>
    public string CanonicalText()
    {
        var sb = new StringBuilder();
        void Add(string name, double v) => sb.Append(name).Append('=').Append(v.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("software=").Append(SoftwareVersion.Value).Append('\n');
        sb.Append("solver=").Append(SolverRevision).Append('\n');
        sb.Append("format=").Append(FormatVersion).Append('\n');
        sb.Append("quantities=").Append(string.Join(',', EpisodeResponse.QuantityNames)).Append('\n');
        Add("cm", Parameters.MembraneCapacitanceFPerM2);
        Add("T", Parameters.TemperatureK);
        Add("rest", Parameters.RestPotentialMV);
        foreach (var s in Parameters.Species)
        {
            sb.Append("species=").Append(s.Name).Append('\n');
            Add("z", s.ChargeNumber);
            Add("D", s.DiffusionConstantM2PerS);
            Add("c0", s.RestConcentrationMM);
        }
        Add("rtol", Solver.RelativeTolerance);
        Add("atol_c", Solver.ConcentrationAbsTolMM);
        Add("atol_v", Solver.PotentialAbsTolMV);
        Add("h0", Solver.InitialStepS);
        Add("hmax", Solver.MaxStepS);
        Add("nmda_a", Nmda.BlockFactor);
        Add("nmda_b", Nmda.SlopePerMV);
        Add("nmda_e", Nmda.ReversalPotentialMV);
        Add("nmda_g", Nmda.MaxConductanceNS);
        Add("duration", Input.DurationMs);
        Add("step_mv", Input.DendriteStepMV);
        Add("step_ms", Input.DendriteStepDurationMs);
        Add("tail", Input.TailMs);
        Add("head_length", Template.HeadLengthNm);
        Add("dendrite_length", Template.DendriteLengthNm);
        Add("compartment", Template.CompartmentLengthNm);
        for (int a = 0; a < AxisCount; a++)
        {
            Add(((SurfaceAxis)a) + ".min", Range(a).Min);
            Add(((SurfaceAxis)a) + ".max", Range(a).Max);
        }
        Add("tol", RefineTolerance);
        Add("n0", InitialNodes);
        Add("levels", MaxRefinements);
        Add("verify", VerificationPoints);
        Add("verify_limit", VerifiedErrorLimit);
        return sb.ToString();
    }

    /// <summary>SHA-256 of <see cref="CanonicalText"/>, lower-case hex.</summary>
    public string Key() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText())));

    /// <summary>The geometry and input of a point (coordinates in natural units, <see cref="SurfaceAxis"/> order).</summary>
    public (SpineGeometry Geometry, SynapticInput Input) At(ReadOnlySpan<double> x)
    {
        var g = SpineGeometry.WithHeadVolume(Template, x[0]) with
        {
            NeckLengthNm = x[1], NeckDiameterNm = x[2], DendriteRadiusNm = x[4],
        };
        return (g, Input with { CurrentPA = x[3] });
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
