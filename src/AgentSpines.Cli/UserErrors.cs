using AgentSpines.Core;

namespace AgentSpines.Cli;

/// <summary>Which exceptions are the user's input at fault (exit code 2, one line) rather than a bug.</summary>
public static class UserErrors
{
    public static bool IsUserError(Exception e) => e is UsageException or AgentSpinesInputException
        or FileNotFoundException or DirectoryNotFoundException;

    public static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}

/// <summary>A user error on the command line or in input files: one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
