using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Globalization;
using System.Text.Json;
using AgentSpines.Physics.Transport;
using Spectre.Console;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines validate SUITE [--json] [--threads N]`: runs a suite of checks against theory and prints a table
/// (check, expected, measured, tolerance, pass); exit code 1 if any check fails. With --json, one JSON object.
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    private static readonly SortedDictionary<string, Func<int?, IReadOnlyList<ValidationCheck>>> Suites = new(StringComparer.Ordinal)
    {
        ["transport"] = TransportValidationSuite.RunAll,
    };

    private static readonly Argument<string> Suite = new("SUITE") { Description = $"the suite of checks: {string.Join(", ", Suites.Keys)}" };
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object");
    private static readonly Option<int?> Threads = Options.OptionalInt("--threads", "worker threads (default: one per core)", 1, 1024);

    public AgentCommand Create()
    {
        Suite.AcceptOnlyFromAmong([.. Suites.Keys]);
        return new("validate", "run a suite of checks against theory and print a table (exit code 1 if one fails)", Run) { Suite, Json, Threads };
    }

    private static int Run(CommandInput a)
    {
        bool json = a.Get(Json);
        int? threads = a.Get(Threads);
        string name = a.Get(Suite);
        var suite = Suites[name];
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var checks = suite(threads);
        bool pass = checks.All(c => c.Pass);
        if (json) Console.WriteLine(ToJson(name, checks, pass, sw.Elapsed.TotalSeconds));
        else Print(name, checks, pass, sw.Elapsed.TotalSeconds);
        return pass ? 0 : 1;
    }

    private static void Print(string name, IReadOnlyList<ValidationCheck> checks, bool pass, double seconds)
    {
        var table = new Table().Title($"validate {name}").AddColumns("check", "expected", "measured", "tolerance", "pass");
        foreach (var c in checks)
            table.AddRow(Markup.Escape(c.Check), Fmt(c.Expected), Fmt(c.Measured), Fmt(c.Tolerance), c.Pass ? "[green]pass[/]" : "[red]FAIL[/]");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{checks.Count(c => c.Pass)}/{checks.Count} checks pass in {seconds:F1} s: {(pass ? "[green]PASS[/]" : "[red]FAIL[/]")}");
    }

    private static string Fmt(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    private static string ToJson(string name, IReadOnlyList<ValidationCheck> checks, bool pass, double seconds)
        => JsonSerializer.Serialize(new
        {
            suite = name,
            pass,
            seconds,
            checks = checks.Select(c => new { check = c.Check, expected = c.Expected, measured = c.Measured, tolerance = c.Tolerance, pass = c.Pass, detail = c.Detail }),
        });
}
