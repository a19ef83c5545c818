using System.Text;
using Spectre.Console;

namespace AgentSpines.Cluster.Progress;

/// <summary>
/// Where coordinator log lines go: through Spectre.Console while its progress bar is live (so lines print above
/// the bar instead of tearing it), plain stdout otherwise.
/// </summary>
public sealed class ConsoleLog : TextWriter
{
    private ConsoleLog() { }

    public static TextWriter Create() => JobProgressView.Interactive ? new ConsoleLog() : Console.Out;

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value) => AnsiConsole.WriteLine(value ?? "");

    public override void Write(char value) => AnsiConsole.Write(value.ToString());
}
