namespace AgentSpines.Cli.CommandLine;

/// <summary>
/// Separates configuration overrides from the command line before it is parsed: any `--name=value` or
/// `--name value` whose name contains a colon (`--Run:Seed=7`, `--Imaging:SessionDays:0 1`) is an override of
/// that key, wherever it stands. The rest goes to the parser.
/// </summary>
public static class ConfigOverrideArgs
{
    public static (string[] Arguments, List<string> Overrides) Split(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var overrides = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length <= 2)
            {
                rest.Add(a);
                continue;
            }
            int eq = a.IndexOf('=');
            string name = eq >= 0 ? a[2..eq] : a[2..];
            if (!name.Contains(':'))
            {
                rest.Add(a);
                continue;
            }
            if (eq >= 0) overrides.Add(a);
            else if (i + 1 < args.Count) overrides.Add($"--{name}={args[++i]}");
            else throw new UsageException($"override '{a}' has no value (use --{name}=VALUE)");
        }
        return (rest.ToArray(), overrides);
    }
}
