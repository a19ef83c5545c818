using AgentSpines.Core;

namespace AgentSpines.EventLog;

/// <summary>
/// The one exception the Parquet reader throws for a malformed, truncated or unsupported file: the message names
/// the file (when known) and what was wrong. It is an input error, so the CLI prints it on one line with exit code 2.
/// </summary>
public sealed class ParquetFormatException : AgentSpinesInputException
{
    public ParquetFormatException(string message) : base(message) { }
    public ParquetFormatException(string message, Exception inner) : base(message, inner) { }
}
