using System.Text.Json;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Reads an episode parameter file (configs/spines/*.json): a "Geometry" object with HeadRadiusNm (or
/// HeadVolumeUm3), HeadLengthNm, NeckDiameterNm, NeckLengthNm, DendriteRadiusNm, DendriteLengthNm,
/// CompartmentLengthNm, and an "Input" object with CurrentPA, DurationMs, DendriteStepMV, DendriteStepDurationMs,
/// TailMs: the names of <see cref="SpineGeometry"/> and <see cref="SynapticInput"/>, as in the run configs. Missing
/// keys keep spine A / Fig. 1 defaults; unknown keys (including other spellings) are errors.
/// </summary>
public static class SpineEpisodeFile
{
    public sealed record Contents(string Name, SpineGeometry Geometry, SynapticInput Input);

    public static Contents Load(string path)
    {
        if (!File.Exists(path)) throw new AgentSpinesInputException($"spine file {path}: not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw new AgentSpinesInputException($"spine file {path}: not valid JSON ({e.Message})"); }
        using (doc)
        {
            var g = SpineGeometry.SpineA;
            var input = SynapticInput.PaperFig1;
            string name = Path.GetFileNameWithoutExtension(path);
            double? headVolume = null;
            foreach (var top in doc.RootElement.EnumerateObject())
            {
                switch (top.Name)
                {
                    case "Name": name = top.Value.GetString() ?? name; break;
                    case "Description": case "Source": case "Units": break;
                    case "Geometry":
                        g = Section(path, top, g, (g, key, v) => key switch
                        {
                            "HeadRadiusNm" => g with { HeadRadiusNm = v },
                            "HeadLengthNm" => g with { HeadLengthNm = v },
                            "NeckDiameterNm" => g with { NeckDiameterNm = v },
                            "NeckLengthNm" => g with { NeckLengthNm = v },
                            "DendriteRadiusNm" => g with { DendriteRadiusNm = v },
                            "DendriteLengthNm" => g with { DendriteLengthNm = v },
                            "CompartmentLengthNm" => g with { CompartmentLengthNm = v },
                            "HeadVolumeUm3" => Keep(g, () => headVolume = v),
                            _ => null,
                        });
                        break;
                    case "Input":
                        input = Section(path, top, input, (input, key, v) => key switch
                        {
                            "CurrentPA" => input with { CurrentPA = v },
                            "DurationMs" => input with { DurationMs = v },
                            "DendriteStepMV" => input with { DendriteStepMV = v },
                            "DendriteStepDurationMs" => input with { DendriteStepDurationMs = v },
                            "TailMs" => input with { TailMs = v },
                            _ => null,
                        });
                        break;
                    default: throw new AgentSpinesInputException($"spine file {path}: unknown key {top.Name}");
                }
            }
            if (headVolume is { } vol) g = SpineGeometry.WithHeadVolume(g, vol);
            g.Validate();
            input.Validate();
            return new Contents(name, g, input);
        }
    }

    private static SpineGeometry Keep(SpineGeometry g, Action a) { a(); return g; }

    /// <summary>Applies each numeric key of one section; <paramref name="apply"/> gives null for a key it does not know.</summary>
    private static T Section<T>(string path, JsonProperty section, T value, Func<T, string, double, T?> apply) where T : class
    {
        foreach (var p in section.Value.EnumerateObject())
        {
            string key = $"{section.Name}.{p.Name}";
            value = apply(value, p.Name, Number(path, key, p.Value)) ?? throw new AgentSpinesInputException($"spine file {path}: unknown key {key}");
        }
        return value;
    }

    private static double Number(string path, string key, JsonElement e)
        => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw new AgentSpinesInputException($"spine file {path}: {key} must be a number");
}
