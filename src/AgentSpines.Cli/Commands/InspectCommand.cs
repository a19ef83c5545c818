namespace AgentSpines.Cli.Commands;

public static class InspectCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("agentspines: this command is not built yet");
        return 2;
    }
}
