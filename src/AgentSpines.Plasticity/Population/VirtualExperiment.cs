using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Population;

/// <summary>
/// An experiment with the published design: Imaging:AnimalsPerArm animals per arm (or a chosen number), each a replicate
/// with Imaging:DendritesPerAnimal dendrites, drug and vehicle animals distinct (as in the studies: no pairing), imaged on
/// the configured sessions. Experiment e uses replicate keys from block e, so experiments are independent and repeatable.
/// Only the imaged stretch of each dendrite is simulated when a field of view is set (dendrites are independent).
/// </summary>
public sealed class VirtualExperiment(ExperimentConfig config)
{
    private readonly PopulationDriver _driver = new(new PlasticityModel(config.Plasticity, config.Spec.StepHours),
        new DrugRegime(config.Regime, config.Spec.StepHours), config.Imaging);

    public ExperimentConfig Config => config;

    /// <summary>The population spec of one animal: the study's dendrites, cut to the field of view, run until lastDay.</summary>
    public PopulationSpec AnimalSpec(double? lastDay = null)
    {
        var i = config.Imaging;
        double length = i.FieldOfViewLengthUm > 0 ? Math.Min(i.FieldOfViewLengthUm, config.Spec.DendriteLengthUm) : config.Spec.DendriteLengthUm;
        double endDay = lastDay ?? i.SessionDays[^1];
        double days = Math.Min(config.Spec.DurationDays, _driver.Regime.ReferenceTimeH / 24 + endDay + 1e-6);
        return config.Spec with { DendriteCount = i.DendritesPerAnimal, DendriteLengthUm = length, SegmentLengthUm = Math.Min(config.Spec.SegmentLengthUm, length),
            DurationDays = days, Parallel = false };
    }

    /// <summary>Runs experiment number e with n animals per arm; drug animals take replicates [2 e N, 2 e N + n), vehicle [2 e N + N, ...).</summary>
    public StudyMeasures Run(int experiment, int animalsPerArm, int blockSize, double? lastDay = null, bool parallel = true)
        => Run(experiment, animalsPerArm, blockSize, lastDay, parallel, animalsImaged: null);

    private StudyMeasures Run(int experiment, int animalsPerArm, int blockSize, double? lastDay, bool parallel, Func<Arm, double, int>? animalsImaged)
    {
        if (animalsPerArm > blockSize) throw new ArgumentOutOfRangeException(nameof(animalsPerArm));
        var spec = AnimalSpec(lastDay);
        var runs = new RunResult[2 * animalsPerArm];
        void Job(int j)
        {
            bool drug = j < animalsPerArm;
            int animal = drug ? j : j - animalsPerArm;
            int replicate = 2 * experiment * blockSize + (drug ? 0 : blockSize) + animal;
            runs[j] = _driver.RunOne(spec, replicate, drug ? Arm.Drug : Arm.Vehicle);
        }
        if (parallel) System.Threading.Tasks.Parallel.For(0, runs.Length, Job);
        else for (int j = 0; j < runs.Length; j++) Job(j);
        return new StudyMeasures(runs, config.Imaging.SemOver, animalsImaged);
    }

    /// <summary>
    /// The published design: Imaging:AnimalsPerArm per arm, each session's measures over the animals the study imaged
    /// there (Imaging:AnimalsImaged).
    /// </summary>
    public StudyMeasures RunPublishedDesign(int experiment = 0)
        => Run(experiment, config.Imaging.AnimalsPerArm, config.Imaging.AnimalsPerArm, null, parallel: true, config.Imaging.AnimalsImagedAt);
}
