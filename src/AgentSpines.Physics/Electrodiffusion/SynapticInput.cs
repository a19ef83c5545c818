using System.Globalization;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// One synaptic episode: a constant sodium current (pA, inward) for DurationMs, then optionally the dendritic end
/// depolarised by DendriteStepMV for DendriteStepDurationMs (mimicking a back-propagating action potential),
/// then relaxation. The episode lasts until max(input + step, input + TailMs); TailMs >= 10 lets the sodium
/// decay time be fitted on [end + 0.1, end + 10] ms.
/// </summary>
public sealed record SynapticInput
{
    public double CurrentPA { get; init; } = 25;
    public double DurationMs { get; init; } = 10;
    public double DendriteStepMV { get; init; }
    public double DendriteStepDurationMs { get; init; }
    public double TailMs { get; init; } = 10;

    public static SynapticInput PaperFig1 { get; } = new();

    public bool HasDendriteStep => DendriteStepDurationMs > 0;
    public double InputEndMs => DurationMs;
    public double StepEndMs => DurationMs + (HasDendriteStep ? DendriteStepDurationMs : 0);
    public double EndMs => Math.Max(StepEndMs, DurationMs + TailMs);

    public void Validate()
    {
        Check(CurrentPA, "current (pA)", 0, 1000);
        Check(DurationMs, "input duration (ms)", 0.06, 10000);
        Check(DendriteStepMV, "dendrite step (mV)", -100, 100);
        Check(DendriteStepDurationMs, "dendrite step duration (ms)", 0, 10000);
        Check(TailMs, "tail (ms)", 0.06, 10000);
        if (DendriteStepMV != 0 && DendriteStepDurationMs <= 0)
            throw new AgentSpinesInputException($"synaptic input: a dendrite step of {Fmt(DendriteStepMV)} mV needs a positive step duration (ms)");
    }

    private static void Check(double v, string what, double min, double max)
    {
        if (!double.IsFinite(v) || v < min || v > max)
            throw new AgentSpinesInputException($"synaptic input: {what} = {Fmt(v)} is outside [{Fmt(min)}, {Fmt(max)}]");
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
