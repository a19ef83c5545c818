using System.Text.Json;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Reads an episode parameter file (configs/spines/*.json): a "geometry" object with head_radius_nm (or
/// head_volume_um3), head_length_nm, neck_diameter_nm, neck_length_nm, dendrite_radius_nm, dendrite_length_nm,
/// compartment_length_nm, and an "input" object with current_pa, duration_ms, dendrite_step_mv, dendrite_step_ms,
/// tail_ms. Missing keys keep spine A / Fig. 1 defaults; unknown keys are errors.
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
                    case "name": name = top.Value.GetString() ?? name; break;
                    case "description": case "source": case "units": break;
                    case "geometry":
                        foreach (var p in top.Value.EnumerateObject())
                        {
                            double v = Number(path, "geometry." + p.Name, p.Value);
                            g = p.Name switch
                            {
                                "head_radius_nm" => g with { HeadRadius_nm = v },
                                "head_length_nm" => g with { HeadLength_nm = v },
                                "neck_diameter_nm" => g with { NeckDiameter_nm = v },
                                "neck_length_nm" => g with { NeckLength_nm = v },
                                "dendrite_radius_nm" => g with { DendriteRadius_nm = v },
                                "dendrite_length_nm" => g with { DendriteLength_nm = v },
                                "compartment_length_nm" => g with { CompartmentLength_nm = v },
                                "head_volume_um3" => Keep(g, () => headVolume = v),
                                _ => throw new AgentSpinesInputException($"spine file {path}: unknown key geometry.{p.Name}"),
                            };
                        }
                        break;
                    case "input":
                        foreach (var p in top.Value.EnumerateObject())
                        {
                            double v = Number(path, "input." + p.Name, p.Value);
                            input = p.Name switch
                            {
                                "current_pa" => input with { Current_pA = v },
                                "duration_ms" => input with { Duration_ms = v },
                                "dendrite_step_mv" => input with { DendriteStep_mV = v },
                                "dendrite_step_ms" => input with { DendriteStepDuration_ms = v },
                                "tail_ms" => input with { Tail_ms = v },
                                _ => throw new AgentSpinesInputException($"spine file {path}: unknown key input.{p.Name}"),
                            };
                        }
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

    private static double Number(string path, string key, JsonElement e)
        => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw new AgentSpinesInputException($"spine file {path}: {key} must be a number");
}
