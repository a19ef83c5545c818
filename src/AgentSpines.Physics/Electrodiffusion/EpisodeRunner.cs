namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Drives a solver (at rest, time 0) through the episode protocol of a <see cref="SynapticInput"/> and measures
/// the <see cref="EpisodeSummary"/>. Both solvers are measured by the same code at the same sample times.
/// </summary>
public static class EpisodeRunner
{
    public const double OhmicSampleTime_s = 10e-6;
    public const double AfterInputSampleDelay_s = 50e-6;
    public const double TauFitStart_s = 0.1e-3;
    public const double TauFitEnd_s = 10e-3;
    public const double TauFitSpacing_s = 0.25e-3;

    public static EpisodeSummary Run(ISpineSolver solver, SynapticInput input, NmdaConductance? nmda = null, EpisodeTrace? trace = null)
    {
        input.Validate();
        nmda ??= NmdaConductance.Paper;
        var sys = solver.System;
        int K = sys.SpeciesCount;
        double rest_V = sys.RestPotential_V, rest_mV = rest_V * 1e3;
        double tIn = input.Duration_ms * 1e-3, tStepEnd = input.StepEnd_ms * 1e-3, tEnd = input.End_ms * 1e-3;
        bool hasStep = input.HasDendriteStep;
        double stepPotential_mV = rest_mV + input.DendriteStep_mV;
        double glutamateEnd = hasStep ? tStepEnd : tIn;
        var dInput = new BoundaryDrive(input.Current_pA * 1e-12, rest_V);
        var dStep = new BoundaryDrive(0, stepPotential_mV * 1e-3);
        var dRest = new BoundaryDrive(0, rest_V);
        int PhaseBefore(double t) => t <= tIn * (1 + 1e-12) ? 0 : hasStep && t <= tStepEnd * (1 + 1e-12) ? 1 : 2;

        var samples = new SortedSet<double> { OhmicSampleTime_s, tIn, tIn + AfterInputSampleDelay_s, tEnd };
        if (hasStep) samples.Add(tStepEnd);
        var tauTimes = new List<double>();
        if (tEnd >= tIn + TauFitEnd_s * (1 - 1e-9))
        {
            for (double dt = TauFitStart_s; dt < TauFitEnd_s - 1e-9; dt += TauFitSpacing_s) tauTimes.Add(tIn + dt);
            tauTimes.Add(tIn + TauFitEnd_s);
            foreach (var t in tauTimes) samples.Add(t);
        }
        if (trace != null)
        {
            trace.SpeciesNames = sys.Parameters.Species.Select(s => s.Name).ToArray();
            foreach (var t in trace.SampleTimes_ms.Concat(trace.ProfileTimes_ms)) if (t > 0 && t * 1e-3 <= tEnd) samples.Add(t * 1e-3);
        }

        // Running measurements along the trajectory.
        var flows = new double[(sys.CompartmentCount + 1) * K];
        var phiScratch = new double[sys.CompartmentCount];
        BoundaryDrive drive = dInput;
        int phase = 0;
        double peak_mV = rest_mV, stepBoost_mV = double.NegativeInfinity;
        double peakNmdaInput = 0, peakNmdaStep = 0;
        double nmdaCharge_fC = 0, lastT = 0, lastI = nmda.InwardCurrent_pA(rest_mV);
        double lastTrace = double.NegativeInfinity;
        var traceSamples = trace == null ? null : new HashSet<double>(trace.SampleTimes_ms.Select(t => Math.Round(t * 1e-3, 15)));

        void Observe(double t, ReadOnlySpan<double> c)
        {
            double v_mV = sys.Potential_V(c, 0) * 1e3;
            peak_mV = Math.Max(peak_mV, v_mV);
            double iN = nmda.InwardCurrent_pA(v_mV);
            // During the step, skip the first 50 us in which the head capacitor discharges from its input level.
            bool settled = t >= (tIn + AfterInputSampleDelay_s) * (1 - 1e-12);
            if (t <= glutamateEnd * (1 + 1e-12))
            {
                nmdaCharge_fC += 0.5 * (iN + lastI) * (t - lastT) * 1e3;   // pA * ms = fC
                if (phase == 1) { if (settled) peakNmdaStep = Math.Max(peakNmdaStep, iN); }
                else peakNmdaInput = Math.Max(peakNmdaInput, iN);
            }
            if (phase == 1 && settled) stepBoost_mV = Math.Max(stepBoost_mV, v_mV - stepPotential_mV);
            lastT = t;
            lastI = iN;
            if (trace != null && (t - lastTrace >= trace.MinInterval_ms * 1e-3 * (1 - 1e-9) || traceSamples!.Contains(Math.Round(t, 15))))
            {
                lastTrace = t;
                sys.Flows(c, drive, flows, phiScratch);
                var conc = new double[K];
                for (int k = 0; k < K; k++) conc[k] = c[k];
                trace.Head.Add(new EpisodeTrace.HeadSample(t * 1e3, v_mV, conc, sys.InterfaceCurrent_A(flows, sys.MidNeckInterface) * 1e12));
            }
        }

        if (trace != null) Observe(0, solver.State_mM);
        double v10 = double.NaN, vEnd = double.NaN, vAfter = double.NaN, neckEnd = double.NaN;
        var cEnd = new double[K];
        var tauX = new List<double>();
        var tauY = new List<double>();
        int na = sys.Parameters.IndexOf("Na");
        foreach (double t in Distinct(samples))
        {
            phase = PhaseBefore(t);
            drive = phase == 0 ? dInput : phase == 1 ? dStep : dRest;
            solver.AdvanceTo(t, drive, Observe);
            var c = solver.State_mM;
            double v_mV = sys.Potential_V(c, 0) * 1e3;
            if (Same(t, OhmicSampleTime_s)) v10 = v_mV - rest_mV;
            if (Same(t, tIn))
            {
                vEnd = v_mV - rest_mV;
                for (int k = 0; k < K; k++) cEnd[k] = c[k];
                sys.Flows(c, dInput, flows, phiScratch);
                neckEnd = sys.InterfaceCurrent_A(flows, sys.MidNeckInterface) * 1e12;
            }
            if (Same(t, tIn + AfterInputSampleDelay_s)) vAfter = v_mV;
            if (na >= 0 && tauTimes.Exists(x => Same(x, t)))
            {
                tauX.Add(t - tIn);
                tauY.Add(c[na] - sys.RestConcentration_mM[na]);
            }
            if (trace != null && trace.ProfileTimes_ms.Any(p => Same(p * 1e-3, t))) RecordProfile(trace, sys, c, t);
        }

        double nmdaBoost = hasStep
            ? peakNmdaStep / nmda.InwardCurrent_pA(stepPotential_mV)
            : peakNmdaInput / nmda.InwardCurrent_pA(rest_mV + v10);
        return new EpisodeSummary(
            v10, vEnd, peak_mV - rest_mV,
            Pick(cEnd, sys, "Na"), Pick(cEnd, sys, "K"), Pick(cEnd, sys, "Cl"),
            vAfter,
            ExponentialDecayFit.TimeConstant(tauX, tauY) * 1e3,
            sys.NeckResistance_Ohm(sys.RestState()) * 1e-6,
            hasStep ? stepBoost_mV : double.NaN,
            nmdaBoost,
            nmdaCharge_fC,
            neckEnd,
            solver.StepCount);
    }

    /// <summary>Sorted sample times with near-equal values (same time reached by different sums) merged.</summary>
    private static List<double> Distinct(SortedSet<double> samples)
    {
        var list = new List<double>();
        foreach (double t in samples)
            if (list.Count == 0 || !Same(t, list[^1])) list.Add(t);
        return list;
    }

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1e-3, Math.Abs(b));

    private static double Pick(double[] c, ElectrodiffusionSystem sys, string name)
    {
        int k = sys.Parameters.IndexOf(name);
        return k >= 0 ? c[k] : double.NaN;
    }

    private static void RecordProfile(EpisodeTrace trace, ElectrodiffusionSystem sys, ReadOnlySpan<double> c, double t)
    {
        int K = sys.SpeciesCount;
        for (int i = 0; i < sys.CompartmentCount; i++)
        {
            var conc = new double[K];
            for (int k = 0; k < K; k++) conc[k] = c[i * K + k];
            trace.Profiles.Add(new EpisodeTrace.ProfileSample(t * 1e3, i, sys.Chain.CentrePosition_nm(i), sys.Chain.Radius_m[i] * 1e9,
                sys.Potential_V(c, i) * 1e3, conc));
        }
    }
}
