namespace AgentSpines.Cli.Commands.Bench;

public static class TransportBench
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("agentspines bench: not built yet");
        return 2;
    }
}
