using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentSpines.EventLog;

namespace AgentSpines.Cli.Tests.Schema;

/// <summary>
/// The one list of column names shared with the Python package: analysis/agentspines_analysis/data/columns.json is
/// generated here from every <see cref="TableSchema"/> the AgentSpines assemblies declare. Running this test
/// rewrites the file; it fails when the checked-in file differed, so a schema change without the list fails CI
/// (commit the rewritten file after checking the diff).
/// </summary>
public sealed class ColumnListTests
{
    private static string ListPath => Path.Combine(CliHarness.RepoRoot(), "analysis", "agentspines_analysis", "data", "columns.json");

    [Fact]
    public void Checked_in_column_list_equals_the_table_schemas()
    {
        string generated = Generate();
        string checkedIn = File.Exists(ListPath) ? File.ReadAllText(ListPath) : "";
        if (checkedIn != generated) File.WriteAllText(ListPath, generated);
        Assert.True(checkedIn == generated,
            $"{ListPath} differed from the .NET table schemas and has been rewritten: check `git diff` and commit it");
    }

    [Fact]
    public void Every_table_the_simulation_writes_is_in_the_list()
    {
        var tables = JsonNode.Parse(Generate())!["tables"]!.AsObject();
        foreach (var name in new[] { "events", "snapshots", "metrics", "imaging", "cohorts", "episodes", "exposure",
                                     "spine_exposure", "exchange_events", "transport_events" })
            Assert.True(tables.ContainsKey(name), $"no schema found for table '{name}'");
        var cohorts = tables["cohorts"]!.AsArray().Single()!["columns"]!.AsArray().Select(c => (string)c!["name"]!);
        Assert.Contains("cohort_size", cohorts);
    }

    /// <summary>Tables by name; a name several schemas share (metrics of plasticity and transport runs) lists each.</summary>
    internal static string Generate()
    {
        var schemas = new List<(string Source, TableSchema Schema)>();
        foreach (var assembly in AgentSpinesAssemblies())
            foreach (var type in assembly.GetTypes())
            {
                const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
                if (type.ContainsGenericParameters) continue;
                foreach (var f in type.GetFields(flags).Where(f => f.FieldType == typeof(TableSchema) && !f.Name.StartsWith('<')))
                    schemas.Add(($"{type.FullName}.{f.Name}", (TableSchema)f.GetValue(null)!));
                foreach (var p in type.GetProperties(flags).Where(p => p.PropertyType == typeof(TableSchema) && p.GetIndexParameters().Length == 0))
                    schemas.Add(($"{type.FullName}.{p.Name}", (TableSchema)p.GetValue(null)!));
            }
        var tables = new JsonObject();
        foreach (var group in schemas.OrderBy(s => s.Schema.Name, StringComparer.Ordinal).ThenBy(s => s.Source, StringComparer.Ordinal)
                                     .GroupBy(s => s.Schema.Name))
        {
            var variants = new JsonArray();
            foreach (var (source, schema) in group)
            {
                var columns = new JsonArray();
                foreach (var c in schema.Columns)
                {
                    var column = new JsonObject { ["name"] = c.Name, ["type"] = c.Type.ToString() };
                    if (c.Unit != null) column["unit"] = c.Unit;
                    columns.Add(column);
                }
                variants.Add(new JsonObject { ["source"] = source, ["columns"] = columns });
            }
            tables[group.Key] = variants;
        }
        var root = new JsonObject
        {
            ["generated_by"] = "tests/AgentSpines.Cli.Tests/Schema/ColumnListTests.cs (dotnet test --filter ColumnListTests); do not edit",
            ["tables"] = tables,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static IEnumerable<Assembly> AgentSpinesAssemblies()
        // Every production AgentSpines assembly copied next to the tests (the CLI references them all).
        => Directory.GetFiles(AppContext.BaseDirectory, "AgentSpines.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.EndsWith(".Tests", StringComparison.Ordinal) && !n.Contains("TestSupport", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Assembly.Load(new AssemblyName(n!)));
}
