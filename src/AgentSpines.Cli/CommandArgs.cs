using System.Globalization;

namespace AgentSpines.Cli;

/// <summary>
/// Parsed command-line arguments of one sub-command: positionals, --flag, --name value / --name=value,
/// and configuration overrides (--section:key=value, which contain a colon). Typed getters fail with
/// <see cref="UsageException"/>, which Program turns into one line on stderr and exit code 2.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = new();

    /// <summary>Configuration overrides (<c>--section:key=value</c>), in the order given.</summary>
    public List<string> ConfigOverrides { get; } = new();

    public CommandArgs(IEnumerable<string> args, IReadOnlySet<string>? flagNames = null)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                Positionals.Add(a);
                continue;
            }
            string body = a[2..];
            int eq = body.IndexOf('=');
            string name = eq >= 0 ? body[..eq] : body;
            if (name.Contains(':'))
            {
                if (eq < 0)
                {
                    if (i + 1 >= list.Count) throw new UsageException($"override '{a}' has no value (use --{name}=VALUE)");
                    ConfigOverrides.Add($"--{name}={list[++i]}");
                }
                else ConfigOverrides.Add(a);
                continue;
            }
            if (eq >= 0) _options[name] = body[(eq + 1)..];
            else if (flagNames != null && flagNames.Contains(name)) _options[name] = null;
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) _options[name] = list[++i];
            else _options[name] = null;
        }
    }

    public bool Flag(string name)
    {
        _consumed.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is null) return true;
        return v switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new UsageException($"--{name}: '{v}' is not a boolean (true/false)"),
        };
    }

    public string? String(string name)
    {
        _consumed.Add(name);
        return _options.TryGetValue(name, out var v) ? v ?? throw new UsageException($"--{name} needs a value") : null;
    }

    public double? Double(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var s = String(name);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
            throw new UsageException($"--{name}: '{s}' is not a number");
        if (d < min || d > max) throw new UsageException($"--{name}: {s} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return d;
    }

    public long? Long(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        var s = String(name);
        if (s is null) return null;
        if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            throw new UsageException($"--{name}: '{s}' is not an integer");
        if (v < min || v > max) throw new UsageException($"--{name}: {s} is out of range [{min}, {max}]");
        return v;
    }

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue) => (int?)Long(name, min, max);

    public string Positional(int index, string what)
        => index < Positionals.Count ? Positionals[index] : throw new UsageException($"missing argument {what}");

    /// <summary>Fails on any --option that no getter asked for, so typos do not pass silently.</summary>
    public void RejectUnknown()
    {
        foreach (var k in _options.Keys)
            if (!_consumed.Contains(k)) throw new UsageException($"unknown option --{k}");
    }
}

/// <summary>A user error on the command line or in input files: one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
