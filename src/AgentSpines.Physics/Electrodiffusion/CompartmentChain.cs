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
    public double[] Length_m { get; }
    public double[] Radius_m { get; }
    public int HeadCount { get; }
    public int NeckCount { get; }
    public int DendriteCount { get; }
    public int Count => Radius_m.Length;
    public int FirstNeckIndex => HeadCount;
    public int FirstDendriteIndex => HeadCount + NeckCount;

    private CompartmentChain(double[] length_m, double[] radius_m, int head, int neck, int dendrite)
    {
        Length_m = length_m;
        Radius_m = radius_m;
        HeadCount = head;
        NeckCount = neck;
        DendriteCount = dendrite;
    }

    public static CompartmentChain Build(SpineGeometry g)
    {
        g.Validate();
        double h_nm = g.CompartmentLength_nm;
        int nHead = SectionCount(g.HeadLength_nm, h_nm);
        int nNeck = SectionCount(g.NeckLength_nm, h_nm);
        int nDend = SectionCount(g.DendriteLength_nm, h_nm);
        var r = new double[nHead + nNeck + nDend];
        var len = new double[r.Length];
        for (int i = 0; i < r.Length; i++)
        {
            bool head = i < nHead, neck = !head && i < nHead + nNeck;
            r[i] = 1e-9 * (head ? g.HeadRadius_nm : neck ? g.NeckRadius_nm : g.DendriteRadius_nm);
            len[i] = 1e-9 * (head ? g.HeadLength_nm / nHead : neck ? g.NeckLength_nm / nNeck : g.DendriteLength_nm / nDend);
        }
        return new CompartmentChain(len, r, nHead, nNeck, nDend);
    }

    /// <summary>Position of compartment centres from the synaptic end (nm).</summary>
    public double CentrePosition_nm(int i)
    {
        double x = 0;
        for (int q = 0; q < i; q++) x += Length_m[q];
        return (x + 0.5 * Length_m[i]) * 1e9;
    }

    private static int SectionCount(double length_nm, double h_nm) => Math.Max(1, (int)Math.Round(length_nm / h_nm, MidpointRounding.AwayFromZero));
}
