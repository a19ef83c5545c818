using Akka.Actor;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>Stands in for a child of the coordinator: forwards everything to a probe, keeping the original sender.</summary>
internal sealed class ForwardTo : ReceiveActor
{
    public ForwardTo(IActorRef probe) => ReceiveAny(m => probe.Forward(m));
}
