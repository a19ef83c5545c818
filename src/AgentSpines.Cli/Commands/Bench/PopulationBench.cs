namespace AgentSpines.Cli.Commands.Bench;
public static class PopulationBench { public static int Run(string[] args) => throw new NotImplementedException(); }
