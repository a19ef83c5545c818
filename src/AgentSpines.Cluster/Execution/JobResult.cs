using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Execution;

/// <summary>A data file of a job's result: its manifest entry (final path in the sweep dataset) and its bytes.</summary>
public sealed record ResultFile(DatasetFile Entry, byte[] Content);

/// <summary>The files one job produced, ready to be placed in the sweep dataset.</summary>
public sealed record JobResult(string JobKey, IReadOnlyList<ResultFile> Files, double ExecuteSeconds);
