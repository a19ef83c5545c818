using AgentSpines.Cli.Commands;

namespace AgentSpines.Cli;

public static class CommandDispatcher
{
    private static readonly SortedDictionary<string, (string Help, Func<string[], int> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["run"] = ("run CONFIG --out DIR [--threads N] [--replicates N] [--section:key=value ...]  simulate a regime in-process", RunCommand.Run),
        ["check-config"] = ("check-config CONFIG [--section:key=value ...]  print the resolved config or the first error", CheckConfigCommand.Run),
        ["inspect"] = ("inspect PATH  schema, row groups, statistics and metadata of a Parquet file or dataset", InspectCommand.Run),
        ["export"] = ("export PATH --csv OUT  write a Parquet file or dataset as CSV", ExportCommand.Run),
        ["episode"] = ("episode [--head-radius-nm 250 ...] [--solver reference|fast] [--json]  one electrodiffusion episode", EpisodeCommand.Run),
        ["validate"] = ("validate transport  run the transport checks against theory and print a table", ValidateCommand.Run),
        ["bench"] = ("bench population|parquet|transport|electrodiffusion|cluster [--json]  benchmarks", BenchCommand.Run),
        ["sweep"] = ("sweep SWEEP --out DIR [--shard i/N]  run a sweep in-process", SweepCommand.Run),
        ["coordinator"] = ("coordinator SWEEP --out DIR --broker URI  distribute a sweep over RabbitMQ", CoordinatorCommand.Run),
        ["worker"] = ("worker --broker URI  take sweep jobs from RabbitMQ", WorkerCommand.Run),
        ["merge"] = ("merge DIR... --out DIR  assemble sweep slices into one dataset", MergeCommand.Run),
        ["calibrate"] = ("calibrate CONFIG --targets FILE  fit a regime's mechanism parameters to targets", CalibrateCommand.Run),
        ["report"] = ("report RUN_DIR [--out DIR]  figures and index.html through the Python analysis package", ReportCommand.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp();
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "--version")
        {
            Console.WriteLine(AgentSpines.Core.SoftwareVersion.Value);
            return 0;
        }
        if (!Commands.TryGetValue(args[0], out var cmd))
        {
            Console.Error.WriteLine($"agentspines: unknown command '{args[0]}' (try --help)");
            return 2;
        }
        try
        {
            return cmd.Run(args[1..]);
        }
        catch (Exception e) when (UserErrors.IsUserError(e))
        {
            Console.Error.WriteLine($"agentspines {args[0]}: {UserErrors.OneLine(e)}");
            return 2;
        }
        catch (AgentSpines.Actors.Population.PopulationRunFailedException e)
        {
            // An actor threw: the model broke, not the input. The run command removed the partial output.
            Console.Error.WriteLine($"agentspines {args[0]}: the run cannot go on: {UserErrors.OneLine(e)}");
            return 1;
        }
    }

    private static void PrintHelp()
    {
        Console.WriteLine($"agentspines {AgentSpines.Core.SoftwareVersion.Value} - agent-based stochastic simulator of dendritic-spine populations");
        Console.WriteLine("usage:");
        foreach (var (_, c) in Commands) Console.WriteLine("  agentspines " + c.Help);
    }
}
