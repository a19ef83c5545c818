using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The cell-wide signals of the silent-synapse cycle as functions of time and arm (Regime:Cycle): the D1 -> CaMKII ->
/// ΔFosB loop driven by the drug's dopamine (drug arm; flat in the vehicle arm), Rac1 falling at each cue, the
/// retrieval-triggered synthesis program and the proteins it makes (which treatments can block). ΔFosB and CaMKII
/// also act on spines: ΔFosB lowers transient-spine elimination, CaMKII raises stabilisation. Trajectories are
/// integrated once on a fine grid, extended on demand (thread-safe), so At stays a pure function of time.
/// </summary>
public sealed class SynapseCycleSignals
{
    private const double GridH = 0.1;
    private readonly CueScheduleOptions _o;
    private readonly SynapseMaturationParameters _p;
    private readonly Func<double, double> _drugDopamine;
    private readonly double[] _cueTimesH;
    private readonly (double TimeH, TreatmentKind Kind, double Efficacy)[] _treatments;
    private readonly string _drugCause;
    private readonly Trajectory[] _arms;
    private readonly double _programPeak;

    public bool Enabled => _o.Enabled;
    public IReadOnlyList<double> CueTimesH => _cueTimesH;

    /// <param name="drugDopamine">Extracellular dopamine (0..1) the drug gives at time t (h); the vehicle arm gets 0.</param>
    public SynapseCycleSignals(CueScheduleOptions options, double referenceTimeH, Func<double, double> drugDopamine, string drugCause,
        SynapseMaturationParameters? parameters = null)
    {
        _o = options;
        _p = parameters ?? SynapseMaturationParameters.Default;
        _drugDopamine = drugDopamine;
        _drugCause = drugCause;
        _cueTimesH = options.Cues.Select(c => referenceTimeH + 24 * c.Day).Order().ToArray();
        _treatments = options.Treatments.Select(t => (referenceTimeH + 24 * t.Day + t.HoursAfterCue, t.Kind, t.Efficacy)).ToArray();
        double rise = _p.RetrievalProgramRiseTauH, decay = _p.RetrievalProgramTauH;
        double tPeak = Math.Log(decay / rise) * rise * decay / (decay - rise);
        _programPeak = Math.Exp(-tPeak / decay) - Math.Exp(-tPeak / rise);
        bool d1 = options.Neuron == CycleNeuron.D1Msn;
        _arms = [new Trajectory(this, d1, drug: true), new Trajectory(this, d1, drug: false)];
    }

    /// <summary>The environment with the cycle's signals and the ΔFosB/CaMKII effects on spines (unchanged when off).</summary>
    public StepEnvironment Apply(in StepEnvironment env, double midpointH, bool drugArm)
    {
        if (!Enabled) return env;
        var (fosB, camKii, program, protein) = (drugArm ? _arms[0] : _arms[1]).At(midpointH);
        double d1 = env.D1Activation > 0 ? env.D1Activation : _o.Neuron == CycleNeuron.D1Msn ? env.Dopamine : 0;
        var signals = new SynapseSignals(true, camKii, CueDrive(midpointH), Rac1Deficit(midpointH), program, protein,
            fosB / (fosB + _p.DrugOriginHalfFosB), _drugCause);
        return env with
        {
            D1Activation = d1,
            DeltaFosB = fosB,
            FormationMultiplier = env.FormationMultiplier * (1 + _p.FosBFormationGain * fosB),
            TransientEliminationMultiplier = env.TransientEliminationMultiplier / (1 + _p.FosBSpineMaintenanceGain * fosB),
            StabilisationMultiplier = env.StabilisationMultiplier * (1 + _p.CamKiiStabilisationGain * (camKii - 1)),
            Synapses = signals,
        };
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

    /// <summary>ΔFosB, CaMKII and reconsolidation protein of one arm on a grid of GridH, integrated forward on demand.</summary>
    private sealed class Trajectory(SynapseCycleSignals owner, bool d1Type, bool drug)
    {
        private readonly object _gate = new();
        private readonly DeltaFosBLoop _loop = new(owner._p, d1Type);
        private double _protein;
        private double[] _f = [0], _k = [1], _q = [0];
        private int _n = 1;

        public (double FosB, double CamKii, double Program, double Protein) At(double timeH)
        {
            if (timeH <= 0) return (0, 1, owner.RetrievalProgram(timeH), 0);
            double x = timeH / GridH;
            int i = (int)x;
            double w = x - i;
            double[] f, k, q;
            lock (_gate)
            {
                while (_n <= i + 1) Extend();
                f = _f; k = _k; q = _q;
            }
            return (f[i] + w * (f[i + 1] - f[i]), k[i] + w * (k[i + 1] - k[i]), owner.RetrievalProgram(timeH), q[i] + w * (q[i + 1] - q[i]));
        }

        /// <summary>Integrates 10 days (or to the next grid point) more.</summary>
        private void Extend()
        {
            int add = (int)Math.Round(240 / GridH);
            int size = _n + add;
            Array.Resize(ref _f, size);
            Array.Resize(ref _k, size);
            Array.Resize(ref _q, size);
            var p = owner._p;
            int sub = (int)Math.Ceiling(GridH / DeltaFosBLoop.MaxSubstepH - 1e-9);
            double h = GridH / sub;
            for (int j = _n; j < size; j++)
            {
                double t0 = (j - 1) * GridH;
                for (int s = 0; s < sub; s++)
                {
                    double tm = t0 + (s + 0.5) * h;
                    double dopamine = drug ? Math.Clamp(owner._drugDopamine(tm), 0, 1) : 0;
                    _loop.Step(h, d1Type ? dopamine : 0, dopamine);
                    double make = owner.RetrievalProgram(tm) * owner.ProteinSynthesis(tm);
                    _protein += h * (make - _protein) / p.ReconsolidationProteinTauH;
                }
                _f[j] = _loop.FosB;
                _k[j] = _loop.CamKii;
                _q[j] = _protein;
            }
            _n = size;
        }
    }
}
