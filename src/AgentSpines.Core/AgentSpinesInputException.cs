namespace AgentSpines.Core;

/// <summary>
/// Base of every error caused by the user's input (configuration, files, arguments). The command line turns it
/// into one line naming the key or file and exit code 2. Subclasses: ConfigException, ParquetFormatException, ...
/// </summary>
public class AgentSpinesInputException : Exception
{
    public AgentSpinesInputException(string message) : base(message) { }
    public AgentSpinesInputException(string message, Exception inner) : base(message, inner) { }
}
