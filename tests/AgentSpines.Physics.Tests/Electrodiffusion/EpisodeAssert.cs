using AgentSpines.Physics.Electrodiffusion;
using Xunit.Sdk;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

internal static class EpisodeAssert
{
    /// <summary>Every quantity of <paramref name="actual"/> within the relative tolerance of <paramref name="expected"/> (NaN matches NaN).</summary>
    public static double WithinRelative(EpisodeSummary expected, EpisodeSummary actual, double relTol, params string[] skip)
    {
        double worst = 0;
        var failures = new List<string>();
        foreach (var ((name, e), (_, a)) in expected.Quantities().Zip(actual.Quantities()))
        {
            if (skip.Contains(name)) continue;
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            double rel = Math.Abs(a - e) / Math.Abs(e);
            if (!(rel <= relTol)) failures.Add($"{name}: expected {e:G7}, got {a:G7} (rel {rel:E2})");
            if (double.IsFinite(rel)) worst = Math.Max(worst, rel);
        }
        if (failures.Count > 0) throw new XunitException("quantities outside " + relTol + ": " + string.Join("; ", failures));
        return worst;
    }
}
