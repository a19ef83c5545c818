namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// The 1-D lattice of cylindrical compartments, ordered from the synaptic end (index 0, the "head" observation
/// point) to the dendritic end. Each section (head, neck, dendrite) gets n = round(L / h) compartments (at least
/// one) of equal length L / n, so every section keeps its exact radius and length (volume, membrane area and
/// axial resistance all exact, and episodes change smoothly with geometry). For lengths that are multiples of the
/// nominal compartment length h (the paper's spines) this is the paper's uniform lattice.
/// </summary>
public sealed class CompartmentChain
{
    /// <summary>Length of each compartment (m).</summary>
    public double[] LengthM { get; }
    public double[] RadiusM { get; }
    public int HeadCount { get; }
    public int NeckCount { get; }
    public int DendriteCount { get; }
    public int Count => RadiusM.Length;
    public int FirstNeckIndex => HeadCount;
    public int FirstDendriteIndex => HeadCount + NeckCount;

    private CompartmentChain(double[] lengthM, double[] radiusM, int head, int neck, int dendrite)
    {
        LengthM = lengthM;
        RadiusM = radiusM;
        HeadCount = head;
        NeckCount = neck;
        DendriteCount = dendrite;
    }

    public static CompartmentChain Build(SpineGeometry g)
    {
        g.Validate();
        double hNm = g.CompartmentLengthNm;
        int nHead = SectionCount(g.HeadLengthNm, hNm);
        int nNeck = SectionCount(g.NeckLengthNm, hNm);
        int nDend = SectionCount(g.DendriteLengthNm, hNm);
        var r = new double[nHead + nNeck + nDend];
        var len = new double[r.Length];
        for (int i = 0; i < r.Length; i++)
        {
            bool head = i < nHead, neck = !head && i < nHead + nNeck;
            r[i] = 1e-9 * (head ? g.HeadRadiusNm : neck ? g.NeckRadiusNm : g.DendriteRadiusNm);
            len[i] = 1e-9 * (head ? g.HeadLengthNm / nHead : neck ? g.NeckLengthNm / nNeck : g.DendriteLengthNm / nDend);
        }
        return new CompartmentChain(len, r, nHead, nNeck, nDend);
    }

    /// <summary>Position of compartment centres from the synaptic end (nm).</summary>
    public double CentrePositionNm(int i)
    {
        double x = 0;
        for (int q = 0; q < i; q++) x += LengthM[q];
        return (x + 0.5 * LengthM[i]) * 1e9;
    }

    private static int SectionCount(double lengthNm, double hNm) => Math.Max(1, (int)Math.Round(lengthNm / hNm, MidpointRounding.AwayFromZero));
}
