using System.Globalization;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Optional recording of an episode for figures and CSV export: the head time course (every solver observation at
/// least <see cref="MinInterval_ms"/> apart, plus <see cref="SampleTimes_ms"/>, which the runner also makes the
/// solver hit) and spatial profiles along the chain at <see cref="ProfileTimes_ms"/>.
/// </summary>
public sealed class EpisodeTrace
{
    public double MinInterval_ms { get; init; } = 0.001;
    public IReadOnlyList<double> SampleTimes_ms { get; init; } = Array.Empty<double>();
    public IReadOnlyList<double> ProfileTimes_ms { get; init; } = Array.Empty<double>();

    public List<HeadSample> Head { get; } = new();
    public List<ProfileSample> Profiles { get; } = new();
    public IReadOnlyList<string> SpeciesNames { get; internal set; } = Array.Empty<string>();

    public readonly record struct HeadSample(double Time_ms, double Potential_mV, double[] Concentrations_mM, double NeckCurrent_pA);
    public readonly record struct ProfileSample(double Time_ms, int Compartment, double Position_nm, double Radius_nm, double Potential_mV, double[] Concentrations_mM);

    public void WriteHeadCsv(TextWriter w)
    {
        w.WriteLine("t_ms,v_head_mv," + string.Join(",", SpeciesNames.Select(n => n.ToLowerInvariant() + "_mm")) + ",i_neck_pa");
        foreach (var s in Head)
            w.WriteLine(string.Join(",", new[] { s.Time_ms, s.Potential_mV }.Concat(s.Concentrations_mM).Append(s.NeckCurrent_pA).Select(F)));
    }

    public void WriteProfileCsv(TextWriter w)
    {
        w.WriteLine("t_ms,compartment,x_nm,radius_nm,v_mv," + string.Join(",", SpeciesNames.Select(n => n.ToLowerInvariant() + "_mm")));
        foreach (var p in Profiles)
            w.WriteLine(string.Join(",", new[] { F(p.Time_ms), p.Compartment.ToString(CultureInfo.InvariantCulture), F(p.Position_nm), F(p.Radius_nm), F(p.Potential_mV) }
                .Concat(p.Concentrations_mM.Select(F))));
    }

    private static string F(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
