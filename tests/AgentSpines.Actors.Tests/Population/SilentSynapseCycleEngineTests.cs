using AgentSpines.Actors.Population;
using AgentSpines.EventLog;
using AgentSpines.EventLog.Dataset;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// The silent-synapse cycle lives in PlasticityModel.StepSpine and DrugRegime.At, so the actor engine runs it exactly
/// as the plain driver does: a short NAc D1 cocaine schedule with a cue and a treatment inside the window.
/// </summary>
public class SilentSynapseCycleEngineTests
{
    [Fact]
    public void ActorEngineRunsTheSameCycleAsThePlainDriver()
    {
        var config = EngineFixtures.Config("cocaine_nac_d1.json", "--Run:DurationDays=36", "--Dendrites:Count=3", "--Regime:RepeatCount=5",
            "--Regime:Cycle:Cues:0:Day=30", "--Regime:Cycle:Treatments:0:Day=30", "--Regime:Cycle:Treatments:0:HoursAfterCue=1");
        var model = new PlasticityModel(config.Plasticity, config.Run.StepHours);
        var regime = new DrugRegime(config.Regime, config.Run.StepHours);
        var spec = new PopulationSpec
        {
            Name = config.Run.Name, Seed = config.Run.Seed, DurationDays = config.Run.DurationDays, StepHours = config.Run.StepHours,
            Replicates = 1, DendriteCount = config.Dendrites.Count, DendriteLengthUm = config.Dendrites.LengthUm,
            SegmentLengthUm = config.Dendrites.SegmentLengthUm, Parallel = false,
        };
        var expected = new PopulationDriver(model, regime, config.Imaging).RunOne(spec, replicate: 0, Arm.Drug);
        // the cycle really ran: silent synapses rose with the drug and again after the cue
        int cueStep = (int)((config.Regime.ReferenceDay + 30) * 24 / config.Run.StepHours);
        Assert.True(expected.SilentFractionByStep[cueStep + 2] > expected.SilentFractionByStep[cueStep] + 0.03);

        string dir = EngineFixtures.TempDir();
        try
        {
            RunResult actual;
            using (var writer = new DatasetWriter(dir))
                actual = new PopulationEngine(config, threads: 2).Run(new RunRequest(0, Arm.Drug), new RunOutput(writer, PartitionKey.Of("t", 0), 0)).Result;
            Assert.Equal(expected.Formed, actual.Formed);
            Assert.Equal(expected.Eliminated, actual.Eliminated);
            Assert.Equal(expected.DailyDensityPerUm, actual.DailyDensityPerUm);
            Assert.Equal(expected.DailyPersistentFraction, actual.DailyPersistentFraction);
            for (int i = 0; i < expected.Sessions.Count; i++) Assert.Equal(expected.Sessions[i].VisibleIds, actual.Sessions[i].VisibleIds);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
