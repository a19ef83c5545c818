using Akka.TestKit.Xunit2;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>Akka's TestKit with a generous wait for expected messages: the test machine is shared, a step can take seconds.</summary>
public abstract class SlowMachineTestKit() : TestKit("akka.test.single-expect-default = 60s");
