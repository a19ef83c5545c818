namespace AgentSpines.EventLog.Writing;

/// <summary>Key-value metadata keys AgentSpines writes into every Parquet file footer.</summary>
public static class MetadataKeys
{
    /// <summary>JSON object {column: unit} of the columns that declare a unit.</summary>
    public const string Units = "agentspines.units";
    /// <summary>Software version (AgentSpines.Core.SoftwareVersion.Value).</summary>
    public const string Version = "agentspines.version";
    /// <summary>Table name (events, snapshots, metrics, ...).</summary>
    public const string Table = "agentspines.table";
    /// <summary>The resolved run configuration as JSON.</summary>
    public const string Config = "agentspines.config";
    /// <summary>The run seed (decimal).</summary>
    public const string Seed = "agentspines.seed";
}
