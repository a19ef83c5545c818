using System.Globalization;
using AgentSpines.Core.Configuration;
using AgentSpines.Plasticity.Options;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Plasticity.Population;

/// <summary>
/// The sections of a run config this module uses: "Plasticity", "Regime", "Imaging", "Cascade" (bound strictly onto its
/// option classes) and the run size from the lead's "Run" / "Dendrites" sections (read, not validated, here).
/// </summary>
public sealed class ExperimentConfig
{
    public required PlasticityOptions Plasticity { get; init; }
    public required RegimeOptions Regime { get; init; }
    public required ImagingOptions Imaging { get; init; }
    /// <summary>The shared cascade parameters (defaults unless overridden, e.g. by calibrate).</summary>
    public required CascadeOptions Cascade { get; init; }
    public required PopulationSpec Spec { get; init; }

    public static ExperimentConfig Load(string path, IEnumerable<string>? overrides = null)
        => FromConfiguration(ConfigSources.Build(path, overrides ?? Array.Empty<string>(), includeEnvironment: false));

    public static ExperimentConfig FromConfiguration(IConfiguration c)
    {
        AgentSpines.Plasticity.Regime.RegimeSchema.RefuseEffectTiming(c);
        var spec = new PopulationSpec
        {
            Name = c["Run:Name"] ?? "run",
            Seed = ReadULong(c, "Run:Seed", 1),
            DurationDays = ReadDouble(c, "Run:DurationDays", 30),
            StepHours = ReadDouble(c, "Run:StepHours", 1),
            Replicates = (int)ReadULong(c, "Run:Replicates", 1),
            DendriteCount = (int)ReadULong(c, "Dendrites:Count", 10),
            DendriteLengthUm = ReadDouble(c, "Dendrites:LengthUm", 100),
            SegmentLengthUm = ReadDouble(c, "Dendrites:SegmentLengthUm", 10),
        };
        var plasticity = StrictBinder.Bind<PlasticityOptions>(c.GetSection("Plasticity"), "Plasticity");
        // The plain driver has no particle exchange: PRP-fed stabilisation would see no PRP at all.
        if (plasticity.PrpStabilisationWeight > 0)
            throw ConfigException.Value("Plasticity:PrpStabilisationWeight", plasticity.PrpStabilisationWeight,
                "0 here: PRP-fed stabilisation needs the particle exchange of the actor engine (agentspines run), which the plain driver (calibrate) does not have");
        return new ExperimentConfig
        {
            Plasticity = plasticity,
            Regime = StrictBinder.Bind<RegimeOptions>(c.GetSection("Regime"), "Regime"),
            Imaging = StrictBinder.Bind<ImagingOptions>(c.GetSection("Imaging"), "Imaging"),
            Cascade = StrictBinder.Bind<CascadeOptions>(c.GetSection("Cascade"), "Cascade"),
            Spec = spec,
        };
    }

    private static double ReadDouble(IConfiguration c, string key, double fallback)
    {
        string? s = c[key];
        if (s is null) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d) || d <= 0)
            throw ConfigException.Value(key, s, "a finite number > 0");
        return d;
    }

    private static ulong ReadULong(IConfiguration c, string key, ulong fallback)
    {
        string? s = c[key];
        if (s is null) return fallback;
        if (!ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong u))
            throw ConfigException.Value(key, s, "a non-negative integer");
        return u;
    }
}

public static class ExperimentConfigExtensions
{
    /// <summary>The regime of this config with its cascade parameters.</summary>
    public static Regime.DrugRegime MakeRegime(this ExperimentConfig c, double stepH) => new(c.Regime, stepH, c.Cascade);
}
