namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Drives a solver (at rest, time 0) through the episode protocol of a <see cref="SynapticInput"/> and measures
/// the <see cref="EpisodeSummary"/>. Both solvers are measured by the same code at the same sample times.
/// </summary>
public static class EpisodeRunner
{
    public const double OhmicSampleTimeS = 10e-6;
    public const double AfterInputSampleDelayS = 50e-6;
    public const double TauFitStartS = 0.1e-3;
    public const double TauFitEndS = 10e-3;
    public const double TauFitSpacingS = 0.25e-3;

    public static EpisodeSummary Run(ISpineSolver solver, SynapticInput input, NmdaConductance? nmda = null, EpisodeTrace? trace = null)
    {
        input.Validate();
        nmda ??= NmdaConductance.Paper;
        var sys = solver.System;
        int K = sys.SpeciesCount;
        double restV = sys.RestPotentialV, restMV = restV * 1e3;
        double tIn = input.DurationMs * 1e-3, tStepEnd = input.StepEndMs * 1e-3, tEnd = input.EndMs * 1e-3;
        bool hasStep = input.HasDendriteStep;
        double stepPotentialMV = restMV + input.DendriteStepMV;
        double glutamateEnd = hasStep ? tStepEnd : tIn;
        var dInput = new BoundaryDrive(input.CurrentPA * 1e-12, restV);
        var dStep = new BoundaryDrive(0, stepPotentialMV * 1e-3);
        var dRest = new BoundaryDrive(0, restV);
        int PhaseBefore(double t) => t <= tIn * (1 + 1e-12) ? 0 : hasStep && t <= tStepEnd * (1 + 1e-12) ? 1 : 2;

        var samples = new SortedSet<double> { OhmicSampleTimeS, tIn, tIn + AfterInputSampleDelayS, tEnd };
        if (hasStep) samples.Add(tStepEnd);
        var tauTimes = new List<double>();
        if (tEnd >= tIn + TauFitEndS * (1 - 1e-9))
        {
            for (double dt = TauFitStartS; dt < TauFitEndS - 1e-9; dt += TauFitSpacingS) tauTimes.Add(tIn + dt);
            tauTimes.Add(tIn + TauFitEndS);
            foreach (var t in tauTimes) samples.Add(t);
        }
        if (trace != null)
        {
            trace.SpeciesNames = sys.Parameters.Species.Select(s => s.Name).ToArray();
            foreach (var t in trace.SampleTimesMs.Concat(trace.ProfileTimesMs)) if (t > 0 && t * 1e-3 <= tEnd) samples.Add(t * 1e-3);
        }

        // Running measurements along the trajectory.
        var flows = new double[(sys.CompartmentCount + 1) * K];
        var phiScratch = new double[sys.CompartmentCount];
        BoundaryDrive drive = dInput;
        int phase = 0;
        double peakMV = restMV, stepBoostMV = double.NegativeInfinity;
        double peakNmdaInput = 0, peakNmdaStep = 0;
        double nmdaChargeFC = 0, lastT = 0, lastI = nmda.InwardCurrentPA(restMV);
        double lastTrace = double.NegativeInfinity;
        var traceSamples = trace == null ? null : new HashSet<double>(trace.SampleTimesMs.Select(t => Math.Round(t * 1e-3, 15)));

        void Observe(double t, ReadOnlySpan<double> c)
        {
            double vMV = sys.PotentialV(c, 0) * 1e3;
            peakMV = Math.Max(peakMV, vMV);
            double iN = nmda.InwardCurrentPA(vMV);
            // During the step, skip the first 50 us in which the head capacitor discharges from its input level.
            bool settled = t >= (tIn + AfterInputSampleDelayS) * (1 - 1e-12);
            if (t <= glutamateEnd * (1 + 1e-12))
            {
                nmdaChargeFC += 0.5 * (iN + lastI) * (t - lastT) * 1e3;   // pA * ms = fC
                if (phase == 1) { if (settled) peakNmdaStep = Math.Max(peakNmdaStep, iN); }
                else peakNmdaInput = Math.Max(peakNmdaInput, iN);
            }
            if (phase == 1 && settled) stepBoostMV = Math.Max(stepBoostMV, vMV - stepPotentialMV);
            lastT = t;
            lastI = iN;
            if (trace != null && (t - lastTrace >= trace.MinIntervalMs * 1e-3 * (1 - 1e-9) || traceSamples!.Contains(Math.Round(t, 15))))
            {
                lastTrace = t;
                sys.Flows(c, drive, flows, phiScratch);
                var conc = new double[K];
                for (int k = 0; k < K; k++) conc[k] = c[k];
                trace.Head.Add(new EpisodeTrace.HeadSample(t * 1e3, vMV, conc, sys.InterfaceCurrentA(flows, sys.MidNeckInterface) * 1e12));
            }
        }

        if (trace != null) Observe(0, solver.StateMM);
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
            var c = solver.StateMM;
            double vMV = sys.PotentialV(c, 0) * 1e3;
            if (Same(t, OhmicSampleTimeS)) v10 = vMV - restMV;
            if (Same(t, tIn))
            {
                vEnd = vMV - restMV;
                for (int k = 0; k < K; k++) cEnd[k] = c[k];
                sys.Flows(c, dInput, flows, phiScratch);
                neckEnd = sys.InterfaceCurrentA(flows, sys.MidNeckInterface) * 1e12;
            }
            if (Same(t, tIn + AfterInputSampleDelayS)) vAfter = vMV;
            if (na >= 0 && tauTimes.Exists(x => Same(x, t)))
            {
                tauX.Add(t - tIn);
                tauY.Add(c[na] - sys.RestConcentrationMM[na]);
            }
            if (trace != null && trace.ProfileTimesMs.Any(p => Same(p * 1e-3, t))) RecordProfile(trace, sys, c, t);
        }

        double nmdaBoost = hasStep
            ? peakNmdaStep / nmda.InwardCurrentPA(stepPotentialMV)
            : peakNmdaInput / nmda.InwardCurrentPA(restMV + v10);
        return new EpisodeSummary(
            v10, vEnd, peakMV - restMV,
            Pick(cEnd, sys, "Na"), Pick(cEnd, sys, "K"), Pick(cEnd, sys, "Cl"),
            vAfter,
            ExponentialDecayFit.TimeConstant(tauX, tauY) * 1e3,
            sys.NeckResistanceOhm(sys.RestState()) * 1e-6,
            hasStep ? stepBoostMV : double.NaN,
            nmdaBoost,
            nmdaChargeFC,
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
            trace.Profiles.Add(new EpisodeTrace.ProfileSample(t * 1e3, i, sys.Chain.CentrePositionNm(i), sys.Chain.RadiusM[i] * 1e9,
                sys.PotentialV(c, i) * 1e3, conc));
        }
    }
}
