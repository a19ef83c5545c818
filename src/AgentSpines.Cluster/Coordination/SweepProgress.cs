namespace AgentSpines.Cluster.Coordination;

/// <summary>Jobs safe so far out of the total, duplicates ignored, and the job that just finished.</summary>
public readonly record struct SweepProgress(int Done, int Total, int Duplicates, string? LastJob);
