using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Imaging;

/// <summary>
/// What two-photon imaging sees at one session: spines inside the field of view that project laterally (a fixed
/// property of each spine, the same in both arms) and whose head passes the detection threshold; filopodia are
/// counted apart. Both engines (the plain driver and the actors) feed it the same way, spine by spine.
/// With Imaging:ArtefactDensityLossPerMonth > 0 (off by default) an imaging artefact hides a growing share of
/// the spines, the same ones from session to session (a fixed hash of each spine): the visible density falls
/// by that fraction per 30 days after the first session while the true density stays.
/// </summary>
public sealed class VirtualMicroscope(ImagingOptions imaging, double dendriteLengthUm, int dendriteCount, ulong replicateKey, double sessionDay)
{
    private readonly double _hiddenByArtefact = ArtefactHiddenFraction(imaging, sessionDay);

    private readonly double _fovUm = imaging.FieldOfViewLengthUm > 0 ? Math.Min(imaging.FieldOfViewLengthUm, dendriteLengthUm) : dendriteLengthUm;
    private readonly double _minVolumeUm3 = SpineGeometry.VolumeFromWidth(imaging.DetectionMinHeadWidthUm);
    private readonly List<(ulong Id, double Width, bool Persistent, double Position)> _visible = new();
    private int _filopodia, _trueSpines;

    /// <summary>Whether a spine projects laterally (visible at all): a fixed hash of its id and the replicate key.</summary>
    public static bool IsLateral(ulong spineId, ulong replicateKey, double lateralFraction)
        => Hash01(spineId, replicateKey, 0x1A7E8A1UL) < lateralFraction;

    /// <summary>Share of spines the artefact hides at a session: the configured loss per month times the months since the first session, at most 0.9.</summary>
    public static double ArtefactHiddenFraction(ImagingOptions imaging, double sessionDay)
    {
        if (imaging.ArtefactDensityLossPerMonth <= 0 || imaging.SessionDays.Count == 0) return 0;
        double months = Math.Max(0, sessionDay - imaging.SessionDays[0]) / 30.0;
        return Math.Min(0.9, imaging.ArtefactDensityLossPerMonth * months);
    }

    /// <summary>A uniform number in [0, 1) fixed by spine, replicate and purpose (the salt): the same in both arms and engines.</summary>
    private static double Hash01(ulong spineId, ulong replicateKey, ulong salt)
        => (RunSeed.Mix(spineId ^ RunSeed.Mix(replicateKey ^ salt)) >> 11) * (1.0 / 9007199254740992.0);

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
        if (_hiddenByArtefact > 0 && Hash01(spineId, replicateKey, 0xA57EFAC7UL) < _hiddenByArtefact) return;
        _visible.Add((spineId, headWidthUm, persistent, dendriteStartUm + positionUm));
    }

    /// <summary>The session's census (visible ids ascending), and a fresh start for the next session.</summary>
    public SessionCensus TakeSession()
    {
        double day = sessionDay;
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
