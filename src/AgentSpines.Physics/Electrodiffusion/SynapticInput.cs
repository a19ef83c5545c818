using System.Globalization;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// One synaptic episode: a constant sodium current (pA, inward) for Duration_ms, then optionally the dendritic end
/// depolarised by DendriteStep_mV for DendriteStepDuration_ms (mimicking a back-propagating action potential),
/// then relaxation. The episode lasts until max(input + step, input + Tail_ms); Tail_ms >= 10 lets the sodium
/// decay time be fitted on [end + 0.1, end + 10] ms.
/// </summary>
public sealed record SynapticInput
{
    public double Current_pA { get; init; } = 25;
    public double Duration_ms { get; init; } = 10;
    public double DendriteStep_mV { get; init; }
    public double DendriteStepDuration_ms { get; init; }
    public double Tail_ms { get; init; } = 10;

    public static SynapticInput PaperFig1 { get; } = new();

    public bool HasDendriteStep => DendriteStepDuration_ms > 0;
    public double InputEnd_ms => Duration_ms;
    public double StepEnd_ms => Duration_ms + (HasDendriteStep ? DendriteStepDuration_ms : 0);
    public double End_ms => Math.Max(StepEnd_ms, Duration_ms + Tail_ms);

    public void Validate()
    {
        Check(Current_pA, "current (pA)", 0, 1000);
        Check(Duration_ms, "input duration (ms)", 0.06, 10000);
        Check(DendriteStep_mV, "dendrite step (mV)", -100, 100);
        Check(DendriteStepDuration_ms, "dendrite step duration (ms)", 0, 10000);
        Check(Tail_ms, "tail (ms)", 0.06, 10000);
        if (DendriteStep_mV != 0 && DendriteStepDuration_ms <= 0)
            throw new AgentSpinesInputException($"synaptic input: a dendrite step of {Fmt(DendriteStep_mV)} mV needs a positive step duration (ms)");
    }

    private static void Check(double v, string what, double min, double max)
    {
        if (!double.IsFinite(v) || v < min || v > max)
            throw new AgentSpinesInputException($"synaptic input: {what} = {Fmt(v)} is outside [{Fmt(min)}, {Fmt(max)}]");
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
