using Akka.Actor;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Writes each step's rows (<see cref="PopulationRecorder"/>) while the segments already run the next step, and
/// acknowledges every step so the coordinator can bound the rows in flight. On FinishRecording it closes the tables
/// and answers with what the run's summary needs: nobody reads its fields.
/// </summary>
public sealed class RecorderActor : ReceiveActor
{
    public const string Name = "recorder";

    public RecorderActor(PopulationRecorder recorder, InjectedFault? fault = null)
    {
        Receive<RecordStep>(m => PopulationActorException.Guard(Self.Path.Name, m.Step, m.TimeH, () =>
        {
            InjectedFault.ThrowIfPlanted(fault, Self.Path.Name, m.Step);
            recorder.Record(m);
            Sender.Tell(new StepRecorded(m.Step, recorder.LiveSpines, recorder.EventRows));
        }));
        Receive<FinishRecording>(_ => PopulationActorException.Guard(Self.Path.Name, -1, double.NaN, () => Sender.Tell(new RecordingFinished(recorder.Finish()))));
    }
}
