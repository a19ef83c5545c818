using Akka.Actor;
using Akka.Configuration;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The Akka.NET system of a run: quiet (failures reach the caller as one line, not as log output), and one
/// dispatcher with a dedicated pool of exactly N threads that runs every population actor. Results never depend on
/// N: actors share no state and every step is applied in a canonical order, never in arrival order.
/// </summary>
public static class PopulationActorSystem
{
    public const string Dispatcher = "agentspines-population-dispatcher";

    public static ActorSystem Create(string name, int threads)
    {
        int n = threads > 0 ? threads : Environment.ProcessorCount;
        var hocon = $$"""
            akka {
              loglevel = OFF
              stdout-loglevel = OFF
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              log-config-on-start = off
              actor.debug.unhandled = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            {{Dispatcher}} {
              type = ForkJoinDispatcher
              throughput = 64
              dedicated-thread-pool {
                thread-count = {{n}}
                threadtype = background
              }
            }
            """;
        return ActorSystem.Create(name, ConfigurationFactory.ParseString(hocon));
    }
}
