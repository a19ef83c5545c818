using AgentSpines.Core.Configuration;
using AgentSpines.Physics.Transport;
using AgentSpines.Plasticity.Options;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Actors.Simulation;

/// <summary>
/// A whole run configuration, bound strictly from the layered sources (JSON file, AGENTSPINES__ environment,
/// --Section:Key=value overrides) and validated before anything runs. Sections: Run, Dendrites, Plasticity,
/// Regime, Imaging, Activity, Exchange, Output (population runs) and Transport (transport runs).
/// </summary>
public sealed class SimulationConfig
{
    public RunOptions Run { get; set; } = new();
    public DendriteOptions Dendrites { get; set; } = new();
    public PlasticityOptions Plasticity { get; set; } = new();
    public RegimeOptions Regime { get; set; } = new();
    /// <summary>The shared signalling cascade (docs/drugs.md); configs leave it at its defaults.</summary>
    public CascadeOptions Cascade { get; set; } = new();
    public ImagingOptions Imaging { get; set; } = new();
    public ActivityOptions Activity { get; set; } = new();
    public ExchangeOptions Exchange { get; set; } = new();
    public OutputOptions Output { get; set; } = new();
    public TransportOptions? Transport { get; set; }

    /// <summary>Loads, binds and validates; throws <see cref="ConfigException"/> naming the key on any problem.</summary>
    public static SimulationConfig Load(string? jsonFile, IEnumerable<string> overrides, bool includeEnvironment = true)
        => FromConfiguration(ConfigSources.Build(jsonFile, overrides, includeEnvironment));

    /// <summary>Rebuilds a config from its resolved JSON (what jobs carry between processes).</summary>
    public static SimulationConfig FromJson(string json)
    {
        var builder = new ConfigurationBuilder();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        builder.AddJsonStream(stream);
        return FromConfiguration(builder.Build());
    }

    public static SimulationConfig FromConfiguration(IConfiguration c)
    {
        AgentSpines.Plasticity.Regime.RegimeSchema.RefuseEffectTiming(c);
        var config = StrictBinder.Bind<SimulationConfig>(c);
        if (config.Run.Kind == RunKind.Transport && config.Transport is null)
            throw new ConfigException("Transport", "config key 'Transport' is missing: a run with Run:Kind = Transport needs a Transport section");
        if (config.Run.Kind == RunKind.Transport && config.Transport is { Species.Count: 0 })
            throw new ConfigException("Transport:Species", "config key 'Transport:Species' is empty: at least one species is needed");
        CheckAcrossSections(config);
        return config;
    }

    /// <summary>Consistency between sections, which each section's own validation cannot see.</summary>
    private static void CheckAcrossSections(SimulationConfig c)
    {
        var v = new ConfigValidator("");
        var e = c.Exchange;
        if (c.Plasticity.PrpStabilisationWeight > 0)
            v.Require(e.Enabled && e.PrpSpecies.Length > 0, "Plasticity:PrpStabilisationWeight", c.Plasticity.PrpStabilisationWeight,
                "0 unless Exchange:Enabled is true and Exchange:PrpSpecies names a species (stabilisation would have no PRP to feed it)");
        if (!e.Enabled) return;
        for (int i = 0; i < e.Species.Count; i++)
        {
            var s = e.Species[i];
            if (s.Initial.Placement == Physics.Transport.InitialPlacement.Point)
                v.Require(s.Initial.PositionUm <= c.Dendrites.LengthUm, $"Exchange:Species:{i}:Initial:PositionUm", s.Initial.PositionUm, $"a position in [0, Dendrites:LengthUm = {c.Dendrites.LengthUm}]");
            if (s.ProductionPlacement == Physics.Transport.InitialPlacement.Point)
                v.Require(s.ProductionPositionUm <= c.Dendrites.LengthUm, $"Exchange:Species:{i}:ProductionPositionUm", s.ProductionPositionUm, $"a position in [0, Dendrites:LengthUm = {c.Dendrites.LengthUm}]");
        }
    }

    /// <summary>Canonical JSON of every value in force, defaults included: printed by check-config, stored in every file.</summary>
    public string ToJson() => ResolvedConfig.ToJson(this);
}
