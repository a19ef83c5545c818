using AgentSpines.Cluster.Execution;

namespace AgentSpines.Cluster.Results;

/// <summary>Writes a result file under a directory at its dataset-relative path (shared-path result mode).</summary>
public static class DatasetPathsWriter
{
    public static void Write(string root, ResultFile f) => DatasetPaths.WriteAtomically(DatasetPaths.Full(root, f.Entry.Path), f.Content);
}
