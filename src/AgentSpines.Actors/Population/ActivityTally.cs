using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// One spine's electrodiffusion episodes in one step. The episodes of a step are one solve (same input, same
/// geometry), so they share the peak depolarisation and boost; charge and calcium are the step's totals.
/// </summary>
public readonly record struct SpineEpisodes(int Count, double PeakDepolarizationMV, double NmdaBoost, double NmdaChargeFC, double CalciumUMS)
{
    public static readonly SpineEpisodes None = default;
}

/// <summary>
/// A row of the `episodes` table: what activity did in one step to one dendrite (SegmentId and SpineId null) or,
/// with Activity:EpisodeRows, to one spine. Means are over episodes (depolarisation, boost) or over the spines that
/// had episodes (calcium); null when no episode came. The counts are the early-phase size changes of
/// activity-driven plasticity (PlasticityModel.ActivityStep), which the events table records only with
/// Activity:SizeEventRows.
/// </summary>
public readonly record struct EpisodeRow(double TimeH, int DendriteId, ulong? SegmentId, ulong? SpineId, int Spines, int Episodes,
    double? MeanPeakDepolarizationMV, double? MaxPeakDepolarizationMV, double? MeanNmdaBoost, double? MaxNmdaBoost, double NmdaChargeFC,
    double? MeanCalciumUMS, double? MaxCalciumUMS, int LtpInductions, int LtpReversals, int LtdInductions, int LtdReversals,
    double ActivityVolumeChangeUm3);

/// <summary>
/// Sums the activity of spines into `episodes` rows: per dendrite and step (spines in id order, so the sums are the
/// same whatever the thread count), or per spine when spine rows are asked for. Also takes the early-phase LTP/LTD
/// size events out of a spine's events (counted here) unless they are to be logged one by one. No allocation per
/// spine: rows are structs in a list the block reuses.
/// </summary>
public sealed partial class ActivityTally
{
    private int _dendrite = -1;
    private double _timeH;
    private EpisodeSums _sums;
    /// <summary>
    /// The open row's early-phase size changes: counted here by <see cref="TakeSizeEvents"/>, or by the model itself
    /// (PlasticityModel.StepSpine with countEarlyPhase: no events made and taken out again).
    /// </summary>
    public EarlyPhaseCounts Early;

    /// <summary>The episode sums of the open row: one Add per spine, in spine order (the per-spine and batch paths share it).</summary>
    private struct EpisodeSums
    {
        public int Spines, Episodes;
        public double PeakSum, PeakMax, BoostSum, BoostMax, Charge, CalciumSum, CalciumMax;

        public void Add(in SpineEpisodes e)
        {
            if (e.Count > 0) AddOrNone(e);
        }

        /// <summary>
        /// Add without a branch on whether the spine had episodes: a spine without has every field 0 (None), and adding
        /// +0 to a sum or taking the max with 0 of a maximum that starts at 0 changes no bit, so the sums are Add's.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // per spine with episodes: a call each was not inlined (and ran at tier 0 for a while)
        public void AddOrNone(in SpineEpisodes e)
        {
            Spines += e.Count > 0 ? 1 : 0;
            Episodes += e.Count;
            PeakSum += e.Count * e.PeakDepolarizationMV;
            BoostSum += e.Count * e.NmdaBoost;
            PeakMax = Math.Max(PeakMax, e.PeakDepolarizationMV);
            BoostMax = Math.Max(BoostMax, e.NmdaBoost);
            Charge += e.NmdaChargeFC;
            CalciumSum += e.CalciumUMS;
            CalciumMax = Math.Max(CalciumMax, e.CalciumUMS);
        }
    }

    public readonly List<EpisodeRow> Rows = new();

    /// <summary>
    /// Adds one spine's step: its episodes, and the early-phase size events among its events (those from index
    /// <paramref name="from"/> on; removed from the list unless keepSizeEvents). With spineRows the spine gets its own
    /// row when anything happened.
    /// </summary>
    public void Add(SpineState s, int dendrite, double timeH, in SpineEpisodes e, List<StructuralEvent> events, int from, bool keepSizeEvents, bool spineRows)
    {
        if (!spineRows && dendrite != _dendrite)
        {
            Flush();
            _dendrite = dendrite;
            _timeH = timeH;
        }
        _sums.Add(in e);
        if (events.Count > from) TakeSizeEvents(events, from, keepSizeEvents);
        if (spineRows)
        {
            _dendrite = dendrite;
            _timeH = timeH;
            Flush(s.SegmentId, s.Id);
        }
    }

    /// <summary>
    /// Dendrite rows: adds the episodes of a segment's spines (spine order, so the sums are those of one
    /// <see cref="Add"/> per spine, bit for bit) in one loop. Their early-phase size events then go through
    /// <see cref="TakeSizeEvents"/> spine by spine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per dendrite and step: optimised at once
    public void AddEpisodes(int dendrite, double timeH, ReadOnlySpan<SpineEpisodes> episodes)
    {
        if (dendrite != _dendrite)
        {
            Flush();
            _dendrite = dendrite;
            _timeH = timeH;
        }
        var sums = _sums; // a local copy the loop keeps in registers
        foreach (ref readonly var e in episodes) sums.AddOrNone(in e);
        _sums = sums;
    }

    /// <summary>Opens the row of a dendrite's step (the one open stays open), for <see cref="AddEpisodes(ReadOnlySpan{SpineEpisodes})"/> and the early-phase counts.</summary>
    public void Open(int dendrite, double timeH)
    {
        if (dendrite == _dendrite) return;
        Flush();
        _dendrite = dendrite;
        _timeH = timeH;
    }

    /// <summary>
    /// Adds spines' episodes to the open row (<see cref="Open"/>) in their order. Given the spines with episodes only, in
    /// spine order, it gives the sums of <see cref="AddEpisodes(int, double, ReadOnlySpan{SpineEpisodes})"/> over all the
    /// spines, bit for bit (a spine without adds +0 and a maximum with 0, which change no bit).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEpisodes(ReadOnlySpan<SpineEpisodes> episodes)
    {
        if (_dendrite < 0) throw new InvalidOperationException("no row is open");
        var sums = _sums; // a local copy the loop keeps in registers
        foreach (ref readonly var e in episodes) sums.AddOrNone(in e);
        _sums = sums;
    }

    /// <summary>
    /// <see cref="AddEpisodes(ReadOnlySpan{SpineEpisodes})"/> with the spines' episodes as arrays (episode count, peak
    /// depolarisation, NMDA boost, total NMDA charge, calcium of spine k): the same sums, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEpisodes(ReadOnlySpan<int> counts, ReadOnlySpan<double> peak, ReadOnlySpan<double> boost, ReadOnlySpan<double> charge, ReadOnlySpan<double> calcium)
    {
        if (_dendrite < 0) throw new InvalidOperationException("no row is open");
        int n = counts.Length;
        if (peak.Length < n || boost.Length < n || charge.Length < n || calcium.Length < n) throw new ArgumentException($"{n} spines need as many values of each");
        if (Avx2.IsSupported && TryAddFour(counts[..n], peak[..n], boost[..n], charge[..n], calcium[..n])) return;
        var sums = _sums; // a local copy the loop keeps in registers
        for (int k = 0; k < n; k++) sums.AddOrNone(new SpineEpisodes(counts[k], peak[k], boost[k], charge[k], calcium[k]));
        _sums = sums;
    }

    /// <summary>Writes the open dendrite's row (if anything happened) and starts afresh.</summary>
    public void Flush() => Flush(null, null);

    private void Flush(ulong? segmentId, ulong? spineId)
    {
        var t = _sums;
        var c = Early;
        if (_dendrite >= 0 && (t.Episodes > 0 || c.Total > 0))
        {
            bool any = t.Episodes > 0;
            Rows.Add(new EpisodeRow(_timeH, _dendrite, segmentId, spineId, t.Spines, t.Episodes,
                any ? t.PeakSum / t.Episodes : null, any ? t.PeakMax : null, any ? t.BoostSum / t.Episodes : null, any ? t.BoostMax : null, t.Charge,
                any ? t.CalciumSum / t.Spines : null, any ? t.CalciumMax : null, c.LtpInductions, c.LtpReversals, c.LtdInductions, c.LtdReversals,
                c.VolumeChangeUm3));
        }
        _dendrite = -1;
        _sums = default;
        Early = default;
    }

    /// <summary>Counts (and unless kept, removes) the early-phase LTP/LTD events among events[from..]: enlarged or shrunk with cause ltp or ltd.</summary>
    public void TakeSizeEvents(List<StructuralEvent> events, int from, bool keep)
    {
        int write = from;
        for (int i = from; i < events.Count; i++)
        {
            var ev = events[i];
            if (Count(in ev))
            {
                Early.VolumeChangeUm3 += ev.HeadVolumeAfterUm3 - ev.HeadVolumeBeforeUm3;
                if (!keep) continue;
            }
            if (write != i) events[write] = ev;
            write++;
        }
        if (write < events.Count) events.RemoveRange(write, events.Count - write);
    }

    private bool Count(in StructuralEvent ev)
    {
        bool ltp = ev.Cause == StructuralEvent.Ltp; // string equality: the same constant, found by reference first
        if (!ltp && ev.Cause != StructuralEvent.Ltd) return false;
        bool enlarged = ev.EventType == StructuralEvent.Enlarged;
        if (!enlarged && ev.EventType != StructuralEvent.Shrunk) return false; // stabilised (late LTP) stays an event
        if (ltp) { if (enlarged) Early.LtpInductions++; else Early.LtpReversals++; }
        else { if (enlarged) Early.LtdReversals++; else Early.LtdInductions++; }
        return true;
    }
}
