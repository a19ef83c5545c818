using AgentSpines.Core;

namespace AgentSpines.Cli;

/// <summary>Which exceptions are the user's input at fault (exit code 2, one line) rather than a bug.</summary>
public static class UserErrors
{
    public static bool IsUserError(Exception e) => e is UsageException or AgentSpinesInputException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException || IsStorageFull(e) || IsReadOnly(e);

    public static string OneLine(Exception e)
    {
        string message = e.Message.ReplaceLineEndings(" ").Trim();
        if (e is UnauthorizedAccessException) return $"cannot write or read here (permission denied): {message}";
        if (IsStorageFull(e)) return $"the disk is full or over quota: {message}";
        if (IsReadOnly(e)) return $"the file system is read-only: {message}";
        return message;
    }

    // errno values as .NET reports them in IOException.HResult on Linux
    private const int Enospc = 28, Erofs = 30, Edquot = 122, Efbig = 27;

    private static bool IsStorageFull(Exception e) => e is IOException { HResult: Enospc or Edquot or Efbig };

    private static bool IsReadOnly(Exception e) => e is IOException { HResult: Erofs };
}

/// <summary>A user error on the command line or in input files: one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
