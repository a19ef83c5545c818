using AgentSpines.Core.Identity;

namespace AgentSpines.Plasticity.State;

/// <summary>
/// What the formation step knows about one dendritic segment: its extent, its spine-id counter and the recent
/// losses (new spines prefer them). Owned by the segment (actor). Record each elimination with RecordLoss.
/// </summary>
public sealed class SegmentContext(ulong segmentId, double startUm, double lengthUm)
{
    private readonly List<LossSite> _losses = new();
    /// <summary>The earliest time among the losses (+infinity without any): most steps forget nothing, and this says so without reading the list.</summary>
    private double _earliestLossH = double.PositiveInfinity;

    public ulong SegmentId { get; } = segmentId;
    /// <summary>The random effects of the dendrite this segment belongs to (turnover multiplier of its spines and births).</summary>
    public Model.DendriteEffects Effects { get; init; } = Model.DendriteEffects.None;
    public double StartUm { get; } = startUm;
    public double LengthUm { get; } = lengthUm;
    /// <summary>Next value of the per-segment counter of spine ids (layout: <see cref="SpineId"/>).</summary>
    public uint NextCounter { get; set; }

    public IReadOnlyList<LossSite> RecentLosses => _losses;

    /// <summary>
    /// A copy with the same extent, effects, id counter and recent losses: an owner of many segments makes their copies
    /// one after another, so that a step over them reads memory in order.
    /// </summary>
    public SegmentContext Copy()
    {
        var c = new SegmentContext(SegmentId, StartUm, LengthUm) { Effects = Effects, NextCounter = NextCounter };
        c._losses.AddRange(_losses);
        c._earliestLossH = _earliestLossH;
        return c;
    }

    public ulong AllocateSpineId() => SpineId.Of(SegmentId, NextCounter++).Value;

    public void RecordLoss(double positionUm, double timeH, string cause)
    {
        _losses.Add(new LossSite(positionUm, timeH, cause));
        _earliestLossH = Math.Min(_earliestLossH, timeH);
    }

    /// <summary>Forgets losses older than the memory (called by the formation step).</summary>
    public void ForgetBefore(double timeH)
    {
        if (_earliestLossH >= timeH) return; // every loss is kept (none at all included)
        int keep = 0;
        double earliest = double.PositiveInfinity;
        for (int i = 0; i < _losses.Count; i++)
            if (_losses[i].TimeH >= timeH)
            {
                earliest = Math.Min(earliest, _losses[i].TimeH);
                _losses[keep++] = _losses[i];
            }
        if (keep < _losses.Count) _losses.RemoveRange(keep, _losses.Count - keep);
        _earliestLossH = earliest;
    }
}

public readonly record struct LossSite(double PositionUm, double TimeH, string Cause);
