using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.EventLog.Interop;

/// <summary>
/// The value form both sides compare: null, booleans, integers as decimal strings (unsigned as unsigned), floats and
/// doubles as the 16 hex digits of the IEEE double bits (floats widened; every NaN as "NaN"), strings as themselves.
/// tests/interop/canonical.mjs implements the same mapping in JavaScript.
/// </summary>
public static class Canonical
{
    public static string TypeName(ColumnSpec c) => c.Type switch
    {
        ColumnType.Boolean => "bool",
        ColumnType.Int32 => c.Unsigned ? "uint32" : "int32",
        ColumnType.Int64 => c.Unsigned ? "uint64" : "int64",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        _ => "string",
    };

    public static JsonNode? Value(object? v) => v switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i.ToString(CultureInfo.InvariantCulture)),
        uint u => JsonValue.Create(u.ToString(CultureInfo.InvariantCulture)),
        long l => JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u.ToString(CultureInfo.InvariantCulture)),
        float f => JsonValue.Create(Bits(f)),
        double d => JsonValue.Create(Bits(d)),
        string s => JsonValue.Create(s),
        _ => throw new ArgumentException($"no canonical form for {v.GetType()}"),
    };

    public static string Bits(double d) => double.IsNaN(d) ? "NaN" : BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Expected-values document: columns (name, type) and rows of canonical values.</summary>
    public static JsonObject Document(TableSchema schema, IEnumerable<object?[]> rows, JsonObject? extra = null)
    {
        var doc = extra ?? new JsonObject();
        doc["columns"] = new JsonArray(schema.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = TypeName(c) }).ToArray());
        doc["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonArray(r.Select(Value).ToArray())).ToArray());
        return doc;
    }

    public static void Save(string path, JsonNode doc) => File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
}
