using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// What two-photon imaging sees of a census: spines in the field of view that project laterally and whose head
/// passes the detection threshold; filopodia counted apart. Same rules as the plain PopulationDriver.
/// </summary>
public static class ImagingCensus
{
    public static SessionCensus Build(IReadOnlyList<SpineCensusRow> census, double day, RecorderSetup setup, ulong replicateKey)
    {
        var imaging = setup.Imaging;
        double fov = imaging.FieldOfViewLengthUm > 0 ? Math.Min(imaging.FieldOfViewLengthUm, setup.DendriteLengthUm) : setup.DendriteLengthUm;
        double minVolume = SpineGeometry.VolumeFromWidth(imaging.DetectionMinHeadWidthUm);
        var visible = new List<SpineCensusRow>();
        int filopodia = 0, trueSpines = 0;
        foreach (var s in census)
        {
            if (s.PositionUm >= fov) continue;
            bool lateral = PopulationDriver.IsLateral(s.SpineId, replicateKey, imaging.LateralFraction);
            if (s.Stage == LifeStage.Filopodium) { if (lateral) filopodia++; continue; }
            trueSpines++;
            if (!lateral || s.HeadVolumeUm3 < minVolume) continue;
            visible.Add(s);
        }
        visible.Sort((a, b) => a.SpineId.CompareTo(b.SpineId));
        return new SessionCensus
        {
            SessionDay = day, FieldLengthUm = fov * setup.DendriteCount,
            VisibleIds = visible.Select(v => v.SpineId).ToArray(), HeadWidthsUm = visible.Select(v => v.HeadWidthUm).ToArray(),
            Persistent = visible.Select(v => v.Persistent).ToArray(),
            PositionsUm = visible.Select(v => ((v.SegmentId >> 16) - 1) * 1e6 + v.PositionUm).ToArray(), // dendrites 1e6 um apart, as in the driver
            FilopodiaVisible = filopodia, TrueSpines = trueSpines,
        };
    }
}
