using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentSpines.Cli.Tests.Schema;

/// <summary>
/// The one list of column names shared with the Python package: analysis/agentspines_analysis/data/columns.json is
/// generated here from every TableSchema (AgentSpines.EventLog) the AgentSpines assemblies declare as a static
/// member, found by reflection so that the list follows the schemas wherever they move. Running this test
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
        var assemblies = AgentSpinesAssemblies().ToList();
        var schemaType = assemblies.SelectMany(a => a.GetTypes()).Single(t => t.Name == "TableSchema" && t.Namespace!.StartsWith("AgentSpines.EventLog", StringComparison.Ordinal));
        var schemas = new List<(string Source, object Schema)>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters))
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var f in type.GetFields(flags).Where(f => f.FieldType == schemaType && !f.Name.StartsWith('<')))
                schemas.Add(($"{type.FullName}.{f.Name}", f.GetValue(null)!));
            foreach (var p in type.GetProperties(flags).Where(p => p.PropertyType == schemaType && p.GetIndexParameters().Length == 0))
                schemas.Add(($"{type.FullName}.{p.Name}", p.GetValue(null)!));
        }
        static object? Get(object o, string property) => o.GetType().GetProperty(property)!.GetValue(o);
        var tables = new JsonObject();
        foreach (var group in schemas.OrderBy(s => (string)Get(s.Schema, "Name")!, StringComparer.Ordinal).ThenBy(s => s.Source, StringComparer.Ordinal)
                                     .GroupBy(s => (string)Get(s.Schema, "Name")!))
        {
            var variants = new JsonArray();
            foreach (var (source, schema) in group)
            {
                var columns = new JsonArray();
                foreach (var c in (System.Collections.IEnumerable)Get(schema, "Columns")!)
                {
                    var column = new JsonObject { ["name"] = (string)Get(c, "Name")!, ["type"] = Get(c, "Type")!.ToString() };
                    if (Get(c, "Unit") is string unit) column["unit"] = unit;
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
