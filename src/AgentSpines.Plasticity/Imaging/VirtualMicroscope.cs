using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Imaging;

/// <summary>
/// What two-photon imaging sees at one session: spines inside the field of view that project laterally (a fixed
/// property of each spine, the same in both arms) and whose head passes the detection threshold; filopodia are
/// counted apart. Both engines (the plain driver and the actors) feed it the same way, spine by spine.
/// </summary>
public sealed class VirtualMicroscope(ImagingOptions imaging, double dendriteLengthUm, int dendriteCount, ulong replicateKey)
{
    private readonly double _fovUm = imaging.FieldOfViewLengthUm > 0 ? Math.Min(imaging.FieldOfViewLengthUm, dendriteLengthUm) : dendriteLengthUm;
    private readonly double _minVolumeUm3 = SpineGeometry.VolumeFromWidth(imaging.DetectionMinHeadWidthUm);
    private readonly List<(ulong Id, double Width, bool Persistent, double Position)> _visible = new();
    private int _filopodia, _trueSpines;

    /// <summary>Whether a spine projects laterally (visible at all): a fixed hash of its id and the replicate key.</summary>
    public static bool IsLateral(ulong spineId, ulong replicateKey, double lateralFraction)
        => (RunSeed.Mix(spineId ^ RunSeed.Mix(replicateKey ^ 0x1A7E8A1UL)) >> 11) * (1.0 / 9007199254740992.0) < lateralFraction;

    /// <summary>Looks at one spine. positionUm is along its dendrite; dendriteStartUm places dendrites apart for spatial analyses.</summary>
    public void Observe(ulong spineId, double dendriteStartUm, double positionUm, LifeStage stage, double headVolumeUm3, double headWidthUm, bool persistent)
    {
        if (positionUm >= _fovUm) return;
        bool lateral = IsLateral(spineId, replicateKey, imaging.LateralFraction);
        if (stage == LifeStage.Filopodium)
        {
            if (lateral) _filopodia++;
            return;
        }
        _trueSpines++;
        if (!lateral || headVolumeUm3 < _minVolumeUm3) return;
        _visible.Add((spineId, headWidthUm, persistent, dendriteStartUm + positionUm));
    }

    /// <summary>The session's census (visible ids ascending), and a fresh start for the next session.</summary>
    public SessionCensus TakeSession(double day)
    {
        _visible.Sort((a, b) => a.Id.CompareTo(b.Id));
        var census = new SessionCensus
        {
            SessionDay = day, FieldLengthUm = _fovUm * dendriteCount,
            VisibleIds = _visible.Select(v => v.Id).ToArray(), HeadWidthsUm = _visible.Select(v => v.Width).ToArray(),
            Persistent = _visible.Select(v => v.Persistent).ToArray(), PositionsUm = _visible.Select(v => v.Position).ToArray(),
            FilopodiaVisible = _filopodia, TrueSpines = _trueSpines,
        };
        _visible.Clear();
        _filopodia = _trueSpines = 0;
        return census;
    }

    /// <summary>Dendrites are placed 1e6 um apart in census positions, so positions never mix across dendrites.</summary>
    public static double DendriteStartUm(int dendrite) => dendrite * 1e6;
}
