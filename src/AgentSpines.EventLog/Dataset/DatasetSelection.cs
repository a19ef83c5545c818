using AgentSpines.Core;

namespace AgentSpines.EventLog.Dataset;

/// <summary>
/// The files of a dataset that may be read (<see cref="DatasetReader.Select"/>): <see cref="Problems"/> is everything
/// that failed verification, <see cref="Skipped"/> the file-level problems whose files are left out, and
/// <see cref="Unverified"/> how many files are read without a manifest checksum (a run killed before its manifest).
/// </summary>
public sealed record DatasetSelection(IReadOnlyList<DatasetEntry> Files, IReadOnlyList<string> Problems, IReadOnlyList<string> Skipped, int Unverified)
{
    /// <summary>Lines telling the user what an --allow-incomplete read leaves out; empty for a verified dataset.</summary>
    public IEnumerable<string> Report(string root)
    {
        if (Problems.Count == 0) yield break;
        yield return $"{root}: reading an incomplete or damaged dataset (--allow-incomplete): {Files.Count} files, {Skipped.Count} skipped" +
                     (Unverified > 0 ? $", {Unverified} without a manifest checksum (page CRCs are still checked)" : "");
        foreach (var p in Problems) yield return "  " + p;
    }
}

/// <summary>The problem lines shared with the Python loader (analysis/agentspines_analysis/verify.py), word for word.</summary>
public static class DatasetProblems
{
    public const string SuccessMissing = "_SUCCESS is missing: the run did not finish";
    public const string ManifestMissing = "manifest.json is missing";
    public const string Hint = "--allow-incomplete (allow_incomplete=True in Python) reads only the files that verify";

    /// <summary>The one line that refuses a dataset.</summary>
    public static string Refusal(string root, IReadOnlyList<string> problems)
        => $"{root}: incomplete or damaged dataset: {problems[0]}" + (problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count > 2 ? "s" : "")})" : "") + $"; {Hint}";
}

/// <summary>A dataset that is incomplete (no _SUCCESS or manifest) or damaged (a file fails its checksum).</summary>
public sealed class DatasetIncompleteException(string root, IReadOnlyList<string> problems)
    : AgentSpinesInputException(DatasetProblems.Refusal(root, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
