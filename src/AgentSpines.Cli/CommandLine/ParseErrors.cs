using System.CommandLine;

namespace AgentSpines.Cli.CommandLine;

/// <summary>Turns System.CommandLine's parse errors into one line, with a "did you mean" for a mistyped name.</summary>
public static class ParseErrors
{
    public static string OneLine(ParseResult parse, string commandPath)
    {
        var command = parse.CommandResult.Command;
        string? unknown = parse.UnmatchedTokens.FirstOrDefault();
        if (unknown != null)
        {
            var known = command.Options.Where(o => !o.Hidden && o.Name != AgentCommand.OverrideHelpName).SelectMany(o => o.Aliases.Prepend(o.Name))
                .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            string what = unknown.StartsWith('-') ? "unknown option" : command.Subcommands.Count > 0 ? "unknown command" : "unexpected argument";
            string? hint = Suggestions.Closest(unknown, known.Where(k => k.StartsWith('-') == unknown.StartsWith('-')));
            return $"{what} '{unknown}'" + (hint != null ? $"; did you mean '{hint}'?" : "") + $" (see {commandPath} --help)";
        }
        string first = System.Text.RegularExpressions.Regex.Replace(parse.Errors[0].Message, @"\s+", " ").Trim();
        return $"{first} (see {commandPath} --help)";
    }
}
