using AgentSpines.Plasticity.Options;

namespace AgentSpines.Actors.Population;

/// <summary>What the recorder needs to know of the run it logs.</summary>
/// <param name="FirstDendrite">First dendrite this job simulates (its block is [FirstDendrite, EndDendrite)).</param>
/// <param name="EndDendrite">One past the last dendrite of the block: densities and fields of view use the block's dendrites.</param>
public sealed record RecorderSetup(
    int FirstDendrite, int EndDendrite, double DendriteLengthUm, ImagingOptions Imaging, string? Drug, string Arm, bool HasDrug,
    ISet<long> SnapshotSteps, IReadOnlyDictionary<long, double> SessionSteps, int StepsPerDay, ulong Key)
{
    public int ObservedDendrites => EndDendrite - FirstDendrite;
}
