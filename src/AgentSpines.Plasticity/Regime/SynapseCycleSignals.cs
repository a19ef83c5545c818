using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The cell-wide signals of the silent-synapse cycle as functions of time (Regime:Cycle): Rac1 falling at each cue, the
/// retrieval-triggered synthesis program and the proteins it makes (which treatments can block). Delta-FosB and the
/// CaMKII level it induces are not made here: they are states of the shared cascade (SignallingCascade), read from the
/// step's environment, so the D1 -> CaMKII -> Delta-FosB loop exists once and acts on spines once. The protein
/// trajectory is integrated once on a fine grid, extended on demand (thread-safe), so Apply stays a pure function of
/// the environment and time.
/// </summary>
public sealed class SynapseCycleSignals
{
    private const double GridH = 0.1;
    /// <summary>Largest internal step of the protein integration (h): short against the program's hour scale.</summary>
    private const double MaxSubstepH = 0.02;
    private readonly CueScheduleOptions _o;
    private readonly SynapseMaturationParameters _p;
    private readonly double[] _cueTimesH;
    private readonly (double TimeH, TreatmentKind Kind, double Efficacy)[] _treatments;
    private readonly string _drugCause;
    private readonly ProteinTrajectory _protein;
    private readonly double _programPeak;
    private readonly double _d1Expression;

    public bool Enabled => _o.Enabled;
    public IReadOnlyList<double> CueTimesH => _cueTimesH;

    /// <param name="d1Expression">The cell's D1 receptor expression (0..1): ΔFosB makes and holds silent synapses in D1-type cells.</param>
    public SynapseCycleSignals(CueScheduleOptions options, double referenceTimeH, string drugCause, double d1Expression = 1,
        SynapseMaturationParameters? parameters = null)
    {
        _d1Expression = d1Expression;
        _o = options;
        _p = parameters ?? SynapseMaturationParameters.Default;
        _drugCause = drugCause;
        _cueTimesH = options.Cues.Select(c => referenceTimeH + 24 * c.Day).Order().ToArray();
        _treatments = options.Treatments.Select(t => (referenceTimeH + 24 * t.Day + t.HoursAfterCue, t.Kind, t.Efficacy)).ToArray();
        double rise = _p.RetrievalProgramRiseTauH, decay = _p.RetrievalProgramTauH;
        double tPeak = Math.Log(decay / rise) * rise * decay / (decay - rise);
        _programPeak = Math.Exp(-tPeak / decay) - Math.Exp(-tPeak / rise);
        _protein = new ProteinTrajectory(this);
    }

    /// <summary>The environment with the cycle's signals (unchanged when off). CaMKII is read as a level relative to baseline (1 + L).</summary>
    public StepEnvironment Apply(in StepEnvironment env, double midpointH)
    {
        if (!Enabled) return env;
        // cocaine's silent synapses arise in D1 MSNs (Graziane 2016), where ΔFosB also holds them silent (Grueter 2013)
        double fosB = Math.Max(env.DeltaFosB, 0) * _d1Expression;
        var signals = new SynapseSignals(true, 1 + Math.Max(env.CamKiiLevel, 0), CueDrive(midpointH), Rac1Deficit(midpointH),
            RetrievalProgram(midpointH), _protein.At(midpointH), fosB / (fosB + _p.DrugOriginHalfFosB), _drugCause, fosB);
        return env with { Synapses = signals };
    }

    /// <summary>Rac1 deficit (0..1): each cue drops Rac1 activity for hours (cooperative inhibition); a Rac1 inhibitor holds it down.</summary>
    public double Rac1Deficit(double timeH)
    {
        double d = 0;
        foreach (double c in _cueTimesH)
            if (timeH >= c) d = Math.Max(d, Rac1Readout(Math.Exp(-(timeH - c) / _p.Rac1RecoveryTauH)));
        foreach (var t in _treatments)
            if (t.Kind == TreatmentKind.Rac1Inhibition && timeH >= t.TimeH)
                d = Math.Max(d, Rac1Readout(t.Efficacy * Math.Exp(-(timeH - t.TimeH) / _p.Rac1InhibitionTauH)));
        return d;
    }

    private double Rac1Readout(double inhibition)
    {
        double x = Math.Pow(inhibition / _p.Rac1HalfInhibition, _p.Rac1Hill);
        return x / (1 + x);
    }

    /// <summary>Drive of the retrieval session itself (0..1): starts at each cue, decays within the hour.</summary>
    public double CueDrive(double timeH)
    {
        double g = 0;
        foreach (double c in _cueTimesH)
            if (timeH >= c) g = Math.Max(g, Math.Exp(-(timeH - c) / _p.CueDriveTauH));
        return g;
    }

    /// <summary>
    /// The retrieval-triggered synthesis program (0..1, peak 1): started by each cue, rising with RetrievalProgramRiseTauH
    /// (transcription before translation) and decaying with RetrievalProgramTauH (difference of exponentials).
    /// </summary>
    public double RetrievalProgram(double timeH)
    {
        double g = 0;
        foreach (double c in _cueTimesH)
            if (timeH >= c) g = Math.Max(g, (Math.Exp(-(timeH - c) / _p.RetrievalProgramTauH) - Math.Exp(-(timeH - c) / _p.RetrievalProgramRiseTauH)) / _programPeak);
        return g;
    }

    /// <summary>Fraction of protein synthesis left (0..1) under protein-synthesis blockers.</summary>
    public double ProteinSynthesis(double timeH)
    {
        double block = 0;
        foreach (var t in _treatments)
            if (t.Kind == TreatmentKind.ProteinSynthesisBlock && timeH >= t.TimeH)
                block = Math.Max(block, t.Efficacy * _p.ProteinSynthesisBlockMax * Math.Exp(-(timeH - t.TimeH) / _p.ProteinSynthesisBlockTauH));
        return 1 - block;
    }

    /// <summary>Reconsolidation protein on a grid of GridH, integrated forward on demand (the same in both arms).</summary>
    private sealed class ProteinTrajectory(SynapseCycleSignals owner)
    {
        private readonly object _gate = new();
        private double _protein;
        private double[] _q = [0];
        private int _n = 1;

        public double At(double timeH)
        {
            if (timeH <= 0) return 0;
            double x = timeH / GridH;
            int i = (int)x;
            double w = x - i;
            double[] q;
            lock (_gate)
            {
                while (_n <= i + 1) Extend();
                q = _q;
            }
            return q[i] + w * (q[i + 1] - q[i]);
        }

        /// <summary>Integrates 10 days more.</summary>
        private void Extend()
        {
            int size = _n + (int)Math.Round(240 / GridH);
            Array.Resize(ref _q, size);
            int sub = (int)Math.Ceiling(GridH / MaxSubstepH - 1e-9);
            double h = GridH / sub;
            for (int j = _n; j < size; j++)
            {
                double t0 = (j - 1) * GridH;
                for (int s = 0; s < sub; s++)
                {
                    double tm = t0 + (s + 0.5) * h;
                    double make = owner.RetrievalProgram(tm) * owner.ProteinSynthesis(tm);
                    _protein += h * (make - _protein) / owner._p.ReconsolidationProteinTauH;
                }
                _q[j] = _protein;
            }
            _n = size;
        }
    }
}
