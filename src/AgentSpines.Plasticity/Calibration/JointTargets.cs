using AgentSpines.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Plasticity.Calibration;

/// <summary>
/// The joint calibration file (configs/targets/cascade.json): the studies of every drug (config + targets file +
/// per-study overrides such as a shorter run) and the shared cascade parameters to fit. Only Cascade:* keys may be
/// free: per-drug effect parameters do not exist. Paths are relative to the file.
/// </summary>
public sealed class JointTargets
{
    public List<JointStudy> Studies { get; set; } = new();
    public List<FreeParameter> Parameters { get; set; } = new();
    public string Sources { get; set; } = "";

    public static (List<CalibrationStudy> Studies, List<FreeParameter> Parameters) Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, $"joint targets file '{path}' not found");
        JointTargets j;
        try
        {
            var c = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
            j = StrictBinder.Bind<JointTargets>(c);
        }
        catch (ConfigException e) { throw new ConfigException(path, $"joint targets file '{path}': {e.Message}"); }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigException(path, $"joint targets file '{path}' is not valid JSON: {e.Message}");
        }
        if (j.Studies.Count == 0) throw new ConfigException(path, $"joint targets file '{path}': Studies is empty");
        foreach (var p in j.Parameters)
            if (!p.Key.StartsWith("Cascade:", StringComparison.Ordinal))
                throw new ConfigException(path, $"joint targets file '{path}': parameter '{p.Key}' is not a shared cascade parameter (Cascade:*)");
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var studies = j.Studies.Select(s => new CalibrationStudy(Path.Combine(dir, s.Config), CalibrationTargets.Load(Path.Combine(dir, s.Targets)), s.Overrides)).ToList();
        return (studies, j.Parameters);
    }
}

public sealed class JointStudy
{
    public string Config { get; set; } = "";
    public string Targets { get; set; } = "";
    public List<string> Overrides { get; set; } = new();
}
