using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Imaging;

/// <summary>
/// What two-photon imaging sees at one session: spines inside the field of view that project laterally (a fixed
/// property of each spine, the same in both arms) and whose head passes the detection threshold; filopodia are
/// counted apart. Both engines (the plain driver and the actors) feed it the same way, spine by spine.
/// Two imaging effects, both off by default and fixed by hashes (the same in both arms and both engines):
/// measurement noise of head width (Imaging:WidthMeasurementLogSd, independent per spine and session, so spines
/// near the detection threshold flicker), and an artefact (Imaging:ArtefactMaxHiddenFraction) that hides a growing
/// share of the spines, the same ones from session to session, while the true density stays.
/// </summary>
public sealed class VirtualMicroscope(ImagingOptions imaging, double dendriteLengthUm, int dendriteCount, ulong replicateKey, double sessionDay)
{
    private readonly double _hiddenByArtefact = ArtefactHiddenFraction(imaging, sessionDay);
    private readonly ulong _sessionSalt = RunSeed.Mix(BitConverter.DoubleToUInt64Bits(sessionDay) ^ 0x5E551011UL);
    private int _lastDendrite = -1;
    private double _lastDendriteHidden;

    private readonly double _fovUm = imaging.FieldOfViewLengthUm > 0 ? Math.Min(imaging.FieldOfViewLengthUm, dendriteLengthUm) : dendriteLengthUm;
    private readonly List<(ulong Id, double Width, bool Persistent, double Position)> _visible = new();
    private int _filopodia, _trueSpines;

    /// <summary>Whether a spine projects laterally (visible at all): a fixed hash of its id and the replicate key.</summary>
    public static bool IsLateral(ulong spineId, ulong replicateKey, double lateralFraction)
        => Hash01(spineId, replicateKey, 0x1A7E8A1UL) < lateralFraction;

    /// <summary>Share of spines the artefact hides at a session: Max x (1 - exp(-(days since the first session - onset) / tau)), 0 before the onset.</summary>
    public static double ArtefactHiddenFraction(ImagingOptions imaging, double sessionDay)
    {
        if (imaging.ArtefactMaxHiddenFraction <= 0 || imaging.SessionDays.Count == 0) return 0;
        double days = Math.Max(0, sessionDay - imaging.SessionDays[0] - imaging.ArtefactOnsetDays);
        return imaging.ArtefactMaxHiddenFraction * (1 - Math.Exp(-days / imaging.ArtefactTimeConstantDays));
    }

    /// <summary>The per-dendrite log-normal multiplier of the artefact (median 1), fixed by replicate and dendrite.</summary>
    public static double ArtefactDendriteFactor(ImagingOptions imaging, ulong replicateKey, int dendrite)
    {
        if (imaging.ArtefactDendriteLogSd <= 0) return 1;
        double z = Normal(Hash01((ulong)dendrite, replicateKey, 0xD3AD7E1UL), Hash01((ulong)dendrite, replicateKey, 0xD3AD7E2UL));
        return Math.Exp(imaging.ArtefactDendriteLogSd * z);
    }

    /// <summary>The width imaging reports: true width x exp(sd z), z a standard normal fixed by spine, replicate and session.</summary>
    public double MeasuredWidthUm(ulong spineId, double headWidthUm)
    {
        if (imaging.WidthMeasurementLogSd <= 0) return headWidthUm;
        double z = Normal(Hash01(spineId, replicateKey, _sessionSalt), Hash01(spineId, replicateKey, _sessionSalt ^ 0x2B992DDFA23249D6UL));
        return headWidthUm * Math.Exp(imaging.WidthMeasurementLogSd * z);
    }

    private static double Normal(double u1, double u2) => Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);

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
        if (!lateral) return;
        double width = MeasuredWidthUm(spineId, headWidthUm);
        if (width < imaging.DetectionMinHeadWidthUm) return;
        if (_hiddenByArtefact > 0 && Hash01(spineId, replicateKey, 0xA57EFAC7UL) < HiddenOnDendrite(dendriteStartUm)) return;
        _visible.Add((spineId, width, persistent, dendriteStartUm + positionUm));
    }

    private double HiddenOnDendrite(double dendriteStartUm)
    {
        int d = DendriteOf(dendriteStartUm);
        if (d != _lastDendrite)
        {
            _lastDendrite = d;
            _lastDendriteHidden = Math.Min(0.95, _hiddenByArtefact * ArtefactDendriteFactor(imaging, replicateKey, d));
        }
        return _lastDendriteHidden;
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
            FilopodiaVisible = _filopodia, TrueSpines = _trueSpines, DendritesImaged = dendriteCount,
        };
        _visible.Clear();
        _filopodia = _trueSpines = 0;
        return census;
    }

    /// <summary>Dendrites are placed 1e6 um apart in census positions, so positions never mix across dendrites.</summary>
    public static double DendriteStartUm(int dendrite) => dendrite * 1e6;

    /// <summary>The dendrite index of a census position (inverse of DendriteStartUm).</summary>
    public static int DendriteOf(double censusPositionUm) => (int)Math.Floor(censusPositionUm / 1e6);
}
