using System.Globalization;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Optional recording of an episode for figures and CSV export: the head time course (every solver observation at
/// least <see cref="MinIntervalMs"/> apart, plus <see cref="SampleTimesMs"/>, which the runner also makes the
/// solver hit) and spatial profiles along the chain at <see cref="ProfileTimesMs"/>.
/// </summary>
public sealed class EpisodeTrace
{
    public double MinIntervalMs { get; init; } = 0.001;
    public IReadOnlyList<double> SampleTimesMs { get; init; } = Array.Empty<double>();
    public IReadOnlyList<double> ProfileTimesMs { get; init; } = Array.Empty<double>();

    public List<HeadSample> Head { get; } = new();
    public List<ProfileSample> Profiles { get; } = new();
    public IReadOnlyList<string> SpeciesNames { get; internal set; } = Array.Empty<string>();

    public readonly record struct HeadSample(double TimeMs, double PotentialMV, double[] ConcentrationsMM, double NeckCurrentPA);
    public readonly record struct ProfileSample(double TimeMs, int Compartment, double PositionNm, double RadiusNm, double PotentialMV, double[] ConcentrationsMM);

    public void WriteHeadCsv(TextWriter w)
    {
        w.WriteLine("t_ms,v_head_mv," + string.Join(",", SpeciesNames.Select(n => n.ToLowerInvariant() + "_mm")) + ",i_neck_pa");
        foreach (var s in Head)
            w.WriteLine(string.Join(",", new[] { s.TimeMs, s.PotentialMV }.Concat(s.ConcentrationsMM).Append(s.NeckCurrentPA).Select(F)));
    }

    public void WriteProfileCsv(TextWriter w)
    {
        w.WriteLine("t_ms,compartment,x_nm,radius_nm,v_mv," + string.Join(",", SpeciesNames.Select(n => n.ToLowerInvariant() + "_mm")));
        foreach (var p in Profiles)
            w.WriteLine(string.Join(",", new[] { F(p.TimeMs), p.Compartment.ToString(CultureInfo.InvariantCulture), F(p.PositionNm), F(p.RadiusNm), F(p.PotentialMV) }
                .Concat(p.ConcentrationsMM.Select(F))));
    }

    private static string F(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
