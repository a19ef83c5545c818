using AgentSpines.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// Keys a regime no longer accepts: effect timing and per-drug effect gains. When an effect starts, how long it
/// lasts and how strong it is come from pharmacokinetics, receptor occupancy and the shared cascade, never from
/// the config. Checked before binding so that the error names the offending key itself (exit code 2).
/// </summary>
public static class RegimeSchema
{
    private static readonly string[] Refused = ["DelayH", "DurationH", "OffTauH", "OffTauDays", "Gain", "MaxDrive", "Mechanisms", "Hill", "Pk"];

    public static void RefuseEffectTiming(IConfiguration config)
    {
        foreach (var child in config.GetSection("Regime").GetChildren()) Visit(child);
    }

    private static void Visit(IConfigurationSection s)
    {
        string last = s.Key;
        if (Refused.Contains(last, StringComparer.Ordinal) || (last.EndsWith("Gain", StringComparison.Ordinal) && last.Length > 4))
            throw new ConfigException(s.Path, $"config key '{s.Path}' is not allowed: effect timing and per-drug effect gains are not config parameters; " +
                "they emerge from the regime's pharmacokinetics (Regime:Species), receptors (Regime:Receptors) and the shared cascade (docs/drugs.md)");
        foreach (var c in s.GetChildren()) Visit(c);
    }
}
