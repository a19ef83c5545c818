using System.Text.Json;
using System.Text.Json.Serialization;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Calibration;

/// <summary>
/// A targets file (JSON, // comments allowed): the published points to fit and the config keys that may move.
/// Metrics: density_effect_pp (drug - vehicle density change vs first session), density_change_pct (Arm),
/// formation_pct / elimination_pct (Arm, interval ending at Day), formation_ratio (drug / vehicle),
/// width_effect_pct, cohort_survival_pct (Arm, CohortDay -> Day).
/// </summary>
public sealed class CalibrationTargets
{
    public List<TargetPoint> Targets { get; set; } = new();
    public List<FreeParameter> Parameters { get; set; } = new();
    public string Sources { get; set; } = "";

    public static readonly string[] Metrics =
        ["density_effect_pp", "density_change_pct", "formation_pct", "elimination_pct", "formation_ratio", "width_effect_pct", "cohort_survival_pct"];

    public static CalibrationTargets Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, $"targets file '{path}' does not exist");
        CalibrationTargets? t;
        try
        {
            t = JsonSerializer.Deserialize<CalibrationTargets>(File.ReadAllText(path), new JsonSerializerOptions
            {
                ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, PropertyNameCaseInsensitive = true,
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            });
        }
        catch (JsonException e)
        {
            throw new ConfigException(path, $"targets file '{path}' is not valid: {e.Message.Split('\n')[0]}");
        }
        if (t == null || t.Targets.Count == 0) throw new ConfigException(path, $"targets file '{path}' has no Targets");
        for (int i = 0; i < t.Targets.Count; i++)
        {
            var p = t.Targets[i];
            if (!Metrics.Contains(p.Metric)) throw new ConfigException(path, $"targets file '{path}': Targets[{i}].Metric = '{p.Metric}' is not one of {string.Join(", ", Metrics)}");
            if (!(p.Tolerance > 0)) throw new ConfigException(path, $"targets file '{path}': Targets[{i}].Tolerance = {p.Tolerance} must be > 0");
            if (p.Arm is not ("drug" or "vehicle")) throw new ConfigException(path, $"targets file '{path}': Targets[{i}].Arm = '{p.Arm}' must be drug or vehicle");
        }
        for (int i = 0; i < t.Parameters.Count; i++)
        {
            var p = t.Parameters[i];
            if (string.IsNullOrWhiteSpace(p.Key) || !(p.Max > p.Min))
                throw new ConfigException(path, $"targets file '{path}': Parameters[{i}] needs a Key and Min < Max");
        }
        return t;
    }
}

/// <summary>One published point: metric at Day (for cohorts, of the cohort new at CohortDay), value and tolerance (SEM or the issue's band).</summary>
public sealed class TargetPoint
{
    public string Metric { get; set; } = "";
    public double Day { get; set; }
    public double CohortDay { get; set; }
    public string Arm { get; set; } = "drug";
    public double Value { get; set; }
    public double Tolerance { get; set; } = 1;
    public string Source { get; set; } = "";
}

/// <summary>A config key (e.g. "Cascade:FormationPerUpscaling") the calibrator may move within [Min, Max].</summary>
public sealed class FreeParameter
{
    public string Key { get; set; } = "";
    public double Min { get; set; }
    public double Max { get; set; }
}
